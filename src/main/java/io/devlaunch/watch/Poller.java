package io.devlaunch.watch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The fallback for folders the OS would not watch (the inotify limit): their files' modification
 * times and sizes are compared every {@code every}. It costs a walk of those folders per round, so
 * it only ever covers what inotify could not; the normal case has nothing here and never wakes.
 * Runs on the watcher thread, under its lock.
 */
final class Poller {
    private record Stamp(long modified, long size) {}

    private static final class Tree {
        final Watching owner;
        final Path root;
        Map<Path, Stamp> files = new HashMap<>();
        Set<Path> folders = new HashSet<>();

        Tree(Watching owner, Path root) {
            this.owner = owner;
            this.root = root;
        }
    }

    private final long everyNanos;
    private final List<Tree> trees = new ArrayList<>();
    private long nextNanos = Long.MAX_VALUE;

    Poller(long everyNanos) {
        this.everyNanos = everyNanos;
    }

    /** Starts polling {@code root} for {@code owner}; what is there now is the baseline, not a change. */
    void add(Watching owner, Path root, long nowNanos) {
        for (Tree t : trees) {
            if (t.owner == owner && root.startsWith(t.root)) return; // already covered
        }
        Tree t = new Tree(owner, root);
        snapshot(t);
        trees.add(t);
        if (nextNanos == Long.MAX_VALUE) nextNanos = nowNanos + everyNanos;
    }

    long nextDue() {
        return nextNanos;
    }

    void pollIfDue(long nowNanos) {
        if (trees.isEmpty() || nowNanos - nextNanos < 0) return;
        for (Tree t : trees) {
            Map<Path, Stamp> before = t.files;
            snapshot(t);
            for (Map.Entry<Path, Stamp> e : t.files.entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) t.owner.changed(e.getKey(), nowNanos);
            }
            for (Path gone : before.keySet()) {
                if (!t.files.containsKey(gone)) t.owner.changed(gone, nowNanos);
            }
        }
        nextNanos = nowNanos + everyNanos;
    }

    private static void snapshot(Tree t) {
        Map<Path, Stamp> files = new HashMap<>();
        Set<Path> folders = new HashSet<>();
        t.owner.walk(t.root, dir -> folders.add(dir), (file, a) -> {
            if (t.owner.matches(file)) files.put(file, new Stamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size()));
        });
        t.files = files;
        t.folders = folders;
    }

    int folders(Watching owner) {
        int n = 0;
        for (Tree t : trees) if (t.owner == owner) n += t.folders.size();
        return n;
    }

    void remove(Watching owner) {
        for (Iterator<Tree> it = trees.iterator(); it.hasNext(); ) {
            if (it.next().owner == owner) it.remove();
        }
        if (trees.isEmpty()) nextNanos = Long.MAX_VALUE;
    }

    void clear() {
        trees.clear();
        nextNanos = Long.MAX_VALUE;
    }
}
