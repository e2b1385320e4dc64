package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One service's watch, as returned by {@link FileWatcher#watch}: its rules (which folders to enter,
 * which files count, what is ignored) and its debounce state. Everything but the public methods
 * runs under the watcher's lock.
 */
public final class Watching implements AutoCloseable {
    private final FileWatcher watcher;
    private final WatchPlan plan;
    private final IgnoreRules ignores;
    private final Consumer<ChangeBatch> onChange;
    private final Set<Path> roots = new HashSet<>();

    // Guarded by the watcher's lock.
    final Set<Path> dirs = new HashSet<>();
    private final TreeSet<String> pending = new TreeSet<>();
    private long firstNanos;
    private long lastNanos;
    /** Wall clock of the last delivery: after an OVERFLOW, files modified since then count as changed. */
    long quietSinceMillis = System.currentTimeMillis();
    volatile boolean closed;

    Watching(FileWatcher watcher, WatchPlan plan, Consumer<ChangeBatch> onChange) {
        this.watcher = watcher;
        this.plan = plan;
        this.onChange = onChange;
        this.ignores = IgnoreRules.of(plan.base(), plan.gitignorePath(), plan.ignores());
        for (WatchPlan.Target t : plan.targets()) roots.add(t.root());
    }

    public WatchPlan plan() {
        return plan;
    }

    /** Folders with an OS watch (inotify) for this service. */
    public int watchedFolders() {
        return watcher.locked(dirs::size);
    }

    /** Folders checked by polling because the OS limit was reached; 0 in the normal case. */
    public int polledFolders() {
        return watcher.locked(() -> watcher.poller().folders(this));
    }

    /** Stops this service's watch; the OS watches no other service shares are released. */
    @Override
    public void close() {
        watcher.unwatch(this);
    }

    /** Where watching starts: the nearest existing folder of each entry (its parent for a file). */
    Set<Path> starts() {
        Set<Path> out = new LinkedHashSet<>();
        for (Path r : roots) {
            Path s = WatchPlan.nearestExisting(r);
            if (s != null) out.add(s);
        }
        return out;
    }

    /** True for a folder below a start that some entry can match in, or on the way to a missing entry. */
    boolean descend(Path dir) {
        for (WatchPlan.Target t : plan.targets()) {
            Path r = t.root();
            if (dir.startsWith(r) && dir.getNameCount() - r.getNameCount() <= t.maxDepth()) return true;
            if (r.startsWith(dir)) return true; // an ancestor of an entry that does not exist yet
        }
        return false;
    }

    /** True for a path some entry covers: a literal entry or anything below it, or a glob match. */
    boolean matches(Path path) {
        String rel = null;
        for (WatchPlan.Target t : plan.targets()) {
            if (t.literal()) {
                if (path.startsWith(t.root())) return true;
            } else {
                if (rel == null) rel = relative(path);
                if (t.glob().matcher(rel).matches()) return true;
            }
        }
        return false;
    }

    /** An entry itself is never ignored: {@code watch = ["build/config"]} means it. */
    boolean ignored(Path path, boolean dir) {
        return !roots.contains(path) && ignores.ignored(path, dir);
    }

    String relative(Path path) {
        return IgnoreRules.slashed(plan.base().relativize(path));
    }

    void changed(Path path, long nowNanos) {
        if (pending.isEmpty()) firstNanos = nowNanos;
        pending.add(relative(path));
        lastNanos = nowNanos;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** When the pending batch is due: a quiet {@code debounce}, or {@code maxDelay} after its first change. */
    long deadline() {
        if (pending.isEmpty()) return Long.MAX_VALUE;
        return Math.min(lastNanos + plan.debounce().toNanos(), firstNanos + plan.maxDelay().toNanos());
    }

    ChangeBatch takeIfDue(long nowNanos) {
        if (pending.isEmpty() || nowNanos - deadline() < 0) return null;
        ChangeBatch batch = new ChangeBatch(pending);
        pending.clear();
        quietSinceMillis = System.currentTimeMillis();
        return batch;
    }

    /** Called on the watcher thread with no lock held. */
    void deliver(ChangeBatch batch) {
        if (!closed) onChange.accept(batch);
    }

    /**
     * Walks a folder by this service's rules: {@code enter} is asked for {@code start} and each
     * folder worth entering (false: skip it), {@code file} gets each file that is not ignored
     * ({@code null}: files are not looked at, which is most of a big tree's cost).
     * Symbolic links are not followed, so a link cycle cannot loop.
     */
    void walk(Path start, Predicate<Path> enter, BiConsumer<Path, BasicFileAttributes> file) {
        Deque<Path> todo = new ArrayDeque<>();
        todo.push(start);
        while (!todo.isEmpty()) {
            Path dir = todo.pop();
            if (!enter.test(dir)) continue;
            try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
                for (Path child : children) {
                    BasicFileAttributes a = attributes(child);
                    if (a == null) continue;
                    if (a.isDirectory()) {
                        if (!ignored(child, true) && descend(child)) todo.push(child);
                    } else if (file != null && !ignored(child, false)) {
                        file.accept(child, a);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The folder vanished or cannot be read while walking; its DELETE event (or the
                // next poll) accounts for it, so there is nothing to report here.
            }
        }
    }

    static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }
}
