package io.devlaunch.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux: every process's parent, group and state, read from {@code /proc/PID/stat} in one pass,
 * so a tree can be walked consistently. Zombies are recorded as such: they look alive to
 * {@code ProcessHandle.isAlive()} but have nothing left to kill.
 */
final class ProcSnapshot {
    record Entry(long pid, long ppid, long pgrp, long session, char state) {
        boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    private final Map<Long, Entry> byPid;

    private ProcSnapshot(Map<Long, Entry> byPid) {
        this.byPid = byPid;
    }

    static ProcSnapshot take() {
        Map<Long, Entry> out = new HashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
                read(Long.parseLong(name)).ifPresent(e -> out.put(e.pid(), e));
            }
        } catch (IOException e) {
            // /proc unreadable: an empty snapshot means "nothing found", callers fall back
        }
        return new ProcSnapshot(out);
    }

    /** One process's entry, or empty when it is gone. */
    static Optional<Entry> read(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may contain spaces and parentheses: parse after the last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 5);
            return Optional.of(new Entry(pid, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    f[0].charAt(0)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<Entry> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** Live (non-zombie) members of process group {@code pgid} and all their descendants, roots included. */
    Set<Long> liveTree(Set<Long> roots, long pgid) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (Entry e : byPid.values()) children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e.pid());
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        if (pgid > 0) for (Entry e : byPid.values()) if (e.pgrp() == pgid) todo.add(e.pid());
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            if (!seen.add(pid)) continue;
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        seen.removeIf(pid -> byPid.get(pid) == null || byPid.get(pid).zombie());
        return seen;
    }

    /** Live members of session {@code sid}. */
    List<Long> liveInSession(long sid) {
        return byPid.values().stream().filter(e -> e.session() == sid && !e.zombie()).map(Entry::pid).toList();
    }

    /** Children of {@code parent} that are zombies. */
    List<Long> zombieChildren(long parent) {
        return byPid.values().stream().filter(e -> e.ppid() == parent && e.zombie()).map(Entry::pid).toList();
    }
}
