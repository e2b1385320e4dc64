package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final Object lock = new Object();
    private final WatchService service;
    private final Consumer<String> warnings;
    private final Folders folders;
    private final Thread thread;
    private final List<Watching> owners = new ArrayList<>();
    private int overflows;
    private volatile boolean closed;

    /** @param warnings gets each message the user should see (once), e.g. the inotify limit */
    public static FileWatcher start(Consumer<String> warnings) throws IOException {
        return new FileWatcher(warnings, Folders.OS, Duration.ofSeconds(2));
    }

    FileWatcher(Consumer<String> warnings, Folders.Registrar registrar, Duration pollEvery) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.warnings = warnings;
        this.folders = new Folders(service, registrar, pollEvery);
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
            for (Path start : w.starts()) folders.register(w, start, false, now);
        }
        sendWarnings();
        return w;
    }

    void unwatch(Watching w) {
        synchronized (lock) {
            w.closed = true;
            owners.remove(w);
            folders.unwatch(w);
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
            folders.clear();
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
        return folders.poller;
    }

    int overflows() {
        return locked(() -> overflows);
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
                    folders.poller.pollIfDue(now);
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
        long next = folders.poller.nextDue();
        for (Watching w : owners) next = Math.min(next, w.deadline());
        return next;
    }

    private void handle(WatchKey key, long now) {
        Folders.Dir d = folders.get(key);
        List<WatchEvent<?>> events = key.pollEvents();
        boolean valid = key.reset();
        if (d == null) {
            key.cancel(); // a folder forgotten while its events were queued
            return;
        }
        for (WatchEvent<?> ev : events) {
            if (ev.kind() == StandardWatchEventKinds.OVERFLOW) overflows++;
            for (Watching w : List.copyOf(d.owners)) {
                if (ev.kind() == StandardWatchEventKinds.OVERFLOW) {
                    Rescan.overflow(folders, w, d.path, now);
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
            folders.forgetTree(d.path);
            for (Watching w : affected) rewatchStarts(w, now);
        }
    }

    private void deleted(Watching w, Path child, long now) {
        boolean wasDir = folders.isWatched(child);
        if (wasDir) folders.forgetTree(child); // also for a folder moved away: its inotify watch would follow it
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
                folders.register(w, child, true, now);
            }
        } else if (!w.ignored(child, false) && w.matches(child)) {
            w.changed(child, now);
        }
    }

    private void rewatchStarts(Watching w, long now) {
        if (w.closed) return;
        for (Path start : w.starts()) if (!w.dirs.contains(start)) folders.register(w, start, true, now);
    }

    private void sendWarnings() {
        List<String> send = locked(folders::takeWarnings);
        for (String s : send) {
            try {
                warnings.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "devlaunch-watch: a warning callback failed", e);
            }
        }
    }
}
