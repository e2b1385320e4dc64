/**
 * File watching for services: recursive, with ignores and a debounce; it says "these paths
 * changed" and never decides what a change means.
 *
 * <pre>
 * FileWatcher watcher = FileWatcher.start(warning -&gt; console.warn(warning));   // one per run
 * Watching w = watcher.watch(WatchPlan.of(serviceDir, List.of("app", "*.toml"))
 *         .ignoring(List.of("app/generated/**"))
 *         .gitignore(projectDir.resolve(".gitignore"))
 *         .debounce(Duration.ofMillis(200)),
 *     batch -&gt; supervisorLoop.execute(() -&gt; restart(name, batch.summary())));
 * ...
 * watcher.close();   // stops the thread, releases every OS watch
 * </pre>
 *
 * <p>Entries are files, folders (recursive) or globs ({@code src/**}{@code /*.py}, {@code *.toml})
 * relative to the service's folder; {@link io.devlaunch.watch.WatchPlan#missing} lists those that
 * do not exist, and the watch waits for them on their nearest existing parent. Ignores use the
 * .gitignore syntax described on {@code IgnoreRules}: the built-ins, then the project's
 * .gitignore, then {@code watch-ignore}, last match wins. Ignored folders are never registered;
 * symbolic links inside a watched folder are not followed.
 *
 * <p>JDK only, no other devlaunch package. On Linux the JDK's WatchService is inotify, one watch
 * per folder; at the per-user limit the rest is polled every 2 s, with one warning saying so.
 */
package io.devlaunch.watch;
