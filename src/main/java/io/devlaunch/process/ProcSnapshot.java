package io.devlaunch.process;

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
 * Linux: every process's parent, group and state ({@link ProcFs}) in one pass, so a tree can be
 * walked consistently. Zombies are recorded as such: they look alive to
 * {@code ProcessHandle.isAlive()} but have nothing left to kill.
 */
final class ProcSnapshot {
    private final Map<Long, ProcFs.Stat> byPid;

    private ProcSnapshot(Map<Long, ProcFs.Stat> byPid) {
        this.byPid = byPid;
    }

    /** @throws java.io.IOException when any of it could not be read: a partial picture would show live processes as gone */
    static ProcSnapshot take() throws java.io.IOException {
        ProcFs proc = ProcFs.system();
        Map<Long, ProcFs.Stat> out = new HashMap<>();
        for (long pid : proc.pids()) {
            Optional<ProcFs.Stat> stat = proc.stat(pid);
            if (stat.isPresent()) out.put(pid, stat.get());
        }
        return new ProcSnapshot(out);
    }

    Optional<ProcFs.Stat> get(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }

    /** Live (non-zombie) members of process group {@code pgid} and all their descendants, roots included. */
    Set<Long> liveTree(Set<Long> roots, long pgid) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProcFs.Stat e : byPid.values()) children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e.pid());
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(roots);
        if (pgid > 0) for (ProcFs.Stat e : byPid.values()) if (e.pgrp() == pgid) todo.add(e.pid());
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
        return byPid.values().stream().filter(e -> e.session() == sid && !e.zombie()).map(ProcFs.Stat::pid).toList();
    }

    /** Children of {@code parent} that are zombies. */
    List<Long> zombieChildren(long parent) {
        return byPid.values().stream().filter(e -> e.ppid() == parent && e.zombie()).map(ProcFs.Stat::pid).toList();
    }
}
