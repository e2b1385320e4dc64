package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Console;
import io.devlaunch.watch.ChangeBatch;
import io.devlaunch.watch.FileWatcher;
import io.devlaunch.watch.WatchPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Files changed → the same restart as {@code devlaunch restart NAME} (stop, before-start, start,
 * healthy; seamless behind a proxy). The watcher debounces, so a burst is one batch; a change that
 * arrives while a restart runs gives exactly one more restart once it is done; a failed service is
 * started again (the user fixed the error). Runs on the supervisor's loop; only made when a
 * service has {@code watch}, so a run without it starts no watcher thread.
 */
final class WatchRestarts implements AutoCloseable {
    static final long BUSY_RETRY_MS = 250;

    private final FileWatcher watcher;
    private final Console console;
    private final ScheduledExecutorService loop;
    private final Function<List<String>, CompletableFuture<Boolean>> restart;
    private final Predicate<String> stoppedOnRequest;
    private final Set<String> pending = new LinkedHashSet<>();
    private boolean inFlight;

    private WatchRestarts(FileWatcher watcher, Console console, ScheduledExecutorService loop, Predicate<String> stoppedOnRequest,
                          Function<List<String>, CompletableFuture<Boolean>> restart) {
        this.stoppedOnRequest = stoppedOnRequest;
        this.watcher = watcher;
        this.console = console;
        this.loop = loop;
        this.restart = restart;
    }

    /** Watches every service with {@code watch}; null when none has it. */
    /** @param stoppedOnRequest a service the user stopped: its changes wait for {@code devlaunch start} */
    static WatchRestarts start(Collection<ServiceSpec> services, Path projectRoot, Console console, ScheduledExecutorService loop,
                               Predicate<String> stoppedOnRequest, Function<List<String>, CompletableFuture<Boolean>> restart)
            throws IOException {
        if (services.stream().noneMatch(s -> s.watch().enabled())) return null;
        FileWatcher watcher = FileWatcher.start(console::say);
        WatchRestarts w = new WatchRestarts(watcher, console, loop, stoppedOnRequest, restart);
        for (ServiceSpec s : services) {
            if (!s.watch().enabled()) continue;
            WatchPlan plan = WatchPlan.of(s.dir(), s.watch().entries()).ignoring(s.watch().ignore())
                    .debounce(s.watch().debounce()).gitignore(projectRoot.resolve(".gitignore"));
            watcher.watch(plan, batch -> loop.execute(() -> w.changed(s.name(), batch)));
        }
        return w;
    }

    private void changed(String service, ChangeBatch batch) {
        if (stoppedOnRequest.test(service)) {
            console.say(service, "changed: " + batch.summary() + " — not restarting: stopped on request (`devlaunch start "
                    + service + "` starts it)");
            return;
        }
        console.say(service, "changed: " + batch.summary() + " — restarting");
        pending.add(service);
        next();
    }

    /** One restart at a time; what changed meanwhile waits for the next. */
    private void next() {
        pending.removeIf(stoppedOnRequest);      // stopped while its restart waited for another operation
        if (inFlight || pending.isEmpty()) return;
        List<String> now = List.copyOf(pending);
        pending.clear();
        inFlight = true;
        restart.apply(now).whenComplete((ok, e) -> loop.execute(() -> {
            inFlight = false;
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RestartBusy) {
                // A `devlaunch restart` from a terminal is running: this one follows it.
                pending.addAll(now);
                loop.schedule(this::next, BUSY_RETRY_MS, TimeUnit.MILLISECONDS);
                return;
            }
            next();
        }));
    }

    @Override
    public void close() {
        watcher.close();
    }
}
