package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registered folders of one {@link FileWatcher}: key to folder to the services that want it,
 * and the fallback when the OS refuses more. Not thread-safe: used under the watcher's lock.
 */
final class Folders {
    /** Registers one folder; a seam so tests can make the OS refuse after N folders. */
    interface Registrar {
        WatchKey register(WatchService service, Path dir) throws IOException;
    }

    static final Registrar OS = (service, dir) -> dir.register(service, new WatchEvent.Kind<?>[] {
            StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY}, Sensitivity.MODIFIERS);

    /** A registered folder; several services may share one (and then share its OS watch). */
    static final class Dir {
        final Path path;
        final WatchKey key;
        final Set<Watching> owners = new HashSet<>();

        Dir(Path path, WatchKey key) {
            this.path = path;
            this.key = key;
        }
    }

    private final WatchService service;
    private final Registrar registrar;
    private final long pollEveryNanos;
    final Poller poller;
    private final Map<WatchKey, Dir> byKey = new HashMap<>();
    private final Map<Path, Dir> byPath = new HashMap<>();
    private final List<String> unsentWarnings = new ArrayList<>();
    private boolean limitReached;

    Folders(WatchService service, Registrar registrar, Duration pollEvery) {
        this.service = service;
        this.registrar = registrar;
        this.pollEveryNanos = pollEvery.toNanos();
        this.poller = new Poller(pollEveryNanos);
    }

    Dir get(WatchKey key) {
        return byKey.get(key);
    }

    boolean isWatched(Path dir) {
        return byPath.containsKey(dir);
    }

    /**
     * Registers {@code start} and the folders below it that {@code w} enters; with {@code report},
     * the files found are changes (the folder is new, so everything in it is).
     */
    void register(Watching w, Path start, boolean report, long now) {
        w.walk(start, dir -> attach(w, dir, now), !report ? null : (file, attrs) -> {
            if (w.matches(file)) w.changed(file, now);
        });
    }

    /** Watches one folder for {@code w}: true to walk into it, false if it is polled or gone. */
    private boolean attach(Watching w, Path dir, long now) {
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
        } catch (AccessDeniedException | ClosedWatchServiceException e) {
            return false; // unreadable, or the watcher is closing: nothing to watch either way
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

    /** Drops {@code root} and every watched folder below it, for every service (it is gone). */
    void forgetTree(Path root) {
        for (Dir d : List.copyOf(byPath.values())) if (d.path.startsWith(root)) forget(d);
    }

    /** Drops one service; an OS watch is released once no other service shares it. */
    void unwatch(Watching w) {
        for (Path p : w.dirs) {
            Dir d = byPath.get(p);
            if (d != null && d.owners.remove(w) && d.owners.isEmpty()) forget(d);
        }
        w.dirs.clear();
        poller.remove(w);
    }

    private void forget(Dir d) {
        d.key.cancel();
        byKey.remove(d.key);
        byPath.remove(d.path);
        for (Watching w : d.owners) w.dirs.remove(d.path);
        d.owners.clear();
    }

    void clear() {
        byKey.clear();
        byPath.clear();
        poller.clear();
    }

    List<String> takeWarnings() {
        List<String> out = List.copyOf(unsentWarnings);
        unsentWarnings.clear();
        return out;
    }
}
