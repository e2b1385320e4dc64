package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches files for every service of a run: one {@link WatchService} (on Linux, one inotify
 * instance), one daemon thread, any number of {@link Watching}s. Folders are registered one by one
 * (the JDK's watch is not recursive), ignored folders never; a folder created later is registered
 * and then scanned, so files written into it before its watch existed are reported too.
 *
 * <p>Threads: {@link #watch} registers on the caller's thread and returns once the watch is in
 * place. Batches and warnings are delivered on the watcher thread with no lock held, so a callback
 * may call back in; it should hand the batch to its own thread and return quickly, as it delays
 * every other service's events. {@link #close} stops the thread and releases every OS watch.
 */
public final class FileWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FileWatcher.class.getName());

    /** Registers one folder; a seam so tests can make the OS refuse after N folders. */
    interface Registrar {
        WatchKey register(WatchService service, Path dir) throws IOException;
    }

    static final Registrar OS = (service, dir) -> dir.register(service, new WatchEvent.Kind<?>[] {
            StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY}, Sensitivity.MODIFIERS);

    /** A registered folder; several services may share one. */
    private static final class Dir {
        final Path path;
        final WatchKey key;
        final Set<Watching> owners = new HashSet<>();

        Dir(Path path, WatchKey key) {
            this.path = path;
            this.key = key;
        }
    }

    private final Object lock = new Object();
    private final WatchService service;
    private final Registrar registrar;
    private final Consumer<String> warnings;
    private final Poller poller;
    private final long pollEveryNanos;
    private final Thread thread;
    private final Map<WatchKey, Dir> byKey = new HashMap<>();
    private final Map<Path, Dir> byPath = new HashMap<>();
    private final List<Watching> owners = new ArrayList<>();
    private final List<String> unsentWarnings = new ArrayList<>();
    private boolean limitReached;
    private volatile boolean closed;

    /** @param warnings gets each message the user should see (once), e.g. the inotify limit */
    public static FileWatcher start(Consumer<String> warnings) throws IOException {
        return new FileWatcher(warnings, OS, Duration.ofSeconds(2));
    }

    FileWatcher(Consumer<String> warnings, Registrar registrar, Duration pollEvery) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.registrar = registrar;
        this.warnings = warnings;
        this.pollEveryNanos = pollEvery.toNanos();
        this.poller = new Poller(pollEveryNanos);
        this.thread = new Thread(this::run, "devlaunch-watch");
        thread.setDaemon(true); // never keeps the JVM alive; close() is the orderly stop
        thread.start();
    }

    /** Starts watching one service's plan; {@code onChange} gets its debounced batches. */
    public Watching watch(WatchPlan plan, Consumer<ChangeBatch> onChange) {
        Watching w = new Watching(this, plan, onChange);
        synchronized (lock) {
            if (closed) throw new IllegalStateException("the file watcher is closed");
            owners.add(w);
            long now = System.nanoTime();
            for (Path start : w.starts()) register(w, start, false, now);
        }
        sendWarnings();
        return w;
    }

    void unwatch(Watching w) {
        synchronized (lock) {
            w.closed = true;
            owners.remove(w);
            for (Path p : w.dirs) {
                Dir d = byPath.get(p);
                if (d != null && d.owners.remove(w) && d.owners.isEmpty()) forget(d);
            }
            w.dirs.clear();
            poller.remove(w);
        }
    }

    /** Stops the thread and releases the OS watches (closing the WatchService closes inotify). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) return;
            closed = true;
            for (Watching w : owners) w.closed = true;
            owners.clear();
            byKey.clear();
            byPath.clear();
            poller.clear();
        }
        try {
            service.close(); // wakes take() with ClosedWatchServiceException
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the watch service", e);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean threadAlive() {
        return thread.isAlive();
    }

    Poller poller() {
        return poller;
    }

    <T> T locked(Supplier<T> s) {
        synchronized (lock) {
            return s.get();
        }
    }

    private void run() {
        try {
            while (!closed) {
                long deadline;
                synchronized (lock) {
                    deadline = nextDeadline();
                }
                WatchKey key = deadline == Long.MAX_VALUE
                        ? service.take() // nothing pending: sleep until the OS has an event (idle = 0 CPU)
                        : service.poll(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
                List<Runnable> deliveries = new ArrayList<>();
                synchronized (lock) {
                    if (closed) return;
                    long now = System.nanoTime();
                    // Drain what is queued, bounded so an endless burst still reaches the deliveries.
                    for (int i = 0; key != null && i < 10_000; i++) {
                        handle(key, now);
                        key = service.poll();
                        now = System.nanoTime();
                    }
                    if (key != null) handle(key, now);
                    poller.pollIfDue(now);
                    for (Watching w : owners) {
                        ChangeBatch b = w.takeIfDue(now);
                        if (b != null) deliveries.add(() -> w.deliver(b));
                    }
                }
                sendWarnings();
                for (Runnable r : deliveries) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "devlaunch-watch: a change callback failed", e);
                    }
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // close(): the orderly way out.
        }
    }

    private long nextDeadline() {
        long next = poller.nextDue();
        for (Watching w : owners) next = Math.min(next, w.deadline());
        return next;
    }

    private void handle(WatchKey key, long now) {
        Dir d = byKey.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        boolean valid = key.reset();
        if (d == null) {
            key.cancel(); // a folder forgotten while its events were queued
            return;
        }
        for (WatchEvent<?> ev : events) {
            for (Watching w : List.copyOf(d.owners)) {
                if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                    Rescan.overflow(this, w, d.path, now);
                } else {
                    Path child = d.path.resolve((Path) ev.context());
                    if (ev.kind() == StandardWatchEventKinds.ENTRY_DELETE) deleted(w, child, now);
                    else createdOrModified(w, child, ev.kind() == StandardWatchEventKinds.ENTRY_CREATE, now);
                }
            }
        }
        if (!valid) {
            // The folder itself is gone (inotify's IN_IGNORED). Each service looks again for its
            // entries so that re-creating them is seen.
            Set<Watching> affected = Set.copyOf(d.owners);
            forgetTree(d.path);
            for (Watching w : affected) rewatchStarts(w, now);
        }
    }

    private void deleted(Watching w, Path child, long now) {
        boolean wasDir = byPath.containsKey(child);
        if (wasDir) forgetTree(child); // also for a folder moved away: its inotify watch would follow it
        // A deleted path's type is unknown unless it was a watched folder: an unknown one that
        // would be ignored as a folder (rm -rf node_modules) stays quiet.
        if (w.ignored(child, wasDir) || (!wasDir && w.ignored(child, true))) return;
        if (wasDir || w.matches(child)) w.changed(child, now);
    }

    private void createdOrModified(Watching w, Path child, boolean created, long now) {
        BasicFileAttributes a = Watching.attributes(child);
        if (a == null) return; // already gone again: an editor's temporary file
        if (a.isDirectory()) {
            if (created && !w.dirs.contains(child) && !w.ignored(child, true) && w.descend(child)) {
                register(w, child, true, now);
            }
        } else if (!w.ignored(child, false) && w.matches(child)) {
            w.changed(child, now);
        }
    }

    private void rewatchStarts(Watching w, long now) {
        if (w.closed) return;
        for (Path start : w.starts()) if (!w.dirs.contains(start)) register(w, start, true, now);
    }

    /**
     * Registers {@code start} and the folders below it that {@code w} enters; with {@code report},
     * the files found are changes (the folder is new, so everything in it is).
     */
    void register(Watching w, Path start, boolean report, long now) {
        w.walk(start, dir -> attach(w, dir, now), (file, attrs) -> {
            if (report && w.matches(file)) w.changed(file, now);
        });
    }

    /** Watches one folder for {@code w}: true to walk into it, false if it is polled or gone. */
    boolean attach(Watching w, Path dir, long now) {
        Dir existing = byPath.get(dir);
        if (existing != null) {
            existing.owners.add(w);
            w.dirs.add(dir);
            return true;
        }
        if (limitReached) {
            poller.add(w, dir, now); // asking the kernel again would only fail again
            return false;
        }
        try {
            WatchKey key = registrar.register(service, dir);
            Dir d = byKey.computeIfAbsent(key, k -> new Dir(dir, k));
            byPath.put(dir, d);
            d.owners.add(w);
            w.dirs.add(dir);
            return true;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false; // gone before we got there; its parent's DELETE event says so
        } catch (AccessDeniedException e) {
            return false; // unreadable: nothing in it can be watched either way
        } catch (ClosedWatchServiceException e) {
            return false;
        } catch (IOException e) {
            if (InotifyLimit.is(e)) {
                limitReached = true;
                unsentWarnings.add(InotifyLimit.message(byKey.size(), pollEveryNanos));
            } else {
                unsentWarnings.add("devlaunch cannot watch " + dir + " (" + e.getMessage()
                        + "); it checks that folder for changes every "
                        + Duration.ofNanos(pollEveryNanos).toSeconds() + " s instead");
            }
            poller.add(w, dir, now);
            return false;
        }
    }

    private void forgetTree(Path root) {
        for (Dir d : List.copyOf(byPath.values())) if (d.path.startsWith(root)) forget(d);
    }

    private void forget(Dir d) {
        d.key.cancel();
        byKey.remove(d.key);
        byPath.remove(d.path);
        for (Watching w : d.owners) w.dirs.remove(d.path);
        d.owners.clear();
    }

    private void sendWarnings() {
        List<String> send;
        synchronized (lock) {
            if (unsentWarnings.isEmpty()) return;
            send = List.copyOf(unsentWarnings);
            unsentWarnings.clear();
        }
        for (String s : send) {
            try {
                warnings.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "devlaunch-watch: a warning callback failed", e);
            }
        }
    }
}
