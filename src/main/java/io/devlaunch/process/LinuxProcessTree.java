package io.devlaunch.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Linux: {@code setsid} makes the child lead a new session and group (NuProcess cannot, issue #78),
 * so {@code kill(-pgid)} reaches grandchildren even after the leader died; a {@code /proc} walk adds
 * descendants that escaped the group. devlaunch is a child subreaper, so orphans re-parent to it
 * rather than to init and stay inside the walk.
 */
final class LinuxProcessTree implements ProcessTree {
    private static final String SETSID = findSetsid();

    @Override
    public List<String> wrap(List<String> argv) {
        if (SETSID == null) return argv;
        List<String> out = new ArrayList<>(argv.size() + 1);
        out.add(SETSID);
        out.addAll(argv);
        return out;
    }

    @Override
    public boolean awaitGroupLeader(long pid) {
        if (SETSID == null) return false;
        // setsid() runs in the child after start() returns; signalling -pgid before it has would hit our own group.
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            int pgid = LibC.get().getpgid((int) pid);
            if (pgid == pid) return true;
            if (pgid < 0) return false;      // already gone
            Thread.onSpinWait();
        }
        return false;
    }

    @Override
    public void signal(long pid, boolean ownGroup, PosixSignal signal) {
        ProcSnapshot snapshot = ProcSnapshot.take();
        Set<Long> tree = snapshot.liveTree(Set.of(pid), ownGroup ? pid : -1);
        if (ownGroup) LibC.get().kill((int) -pid, signal.number());
        // Signal the rest one by one, but never twice: to some tools a second SIGINT means "force".
        for (long p : tree) {
            boolean inGroup = ownGroup && snapshot.get(p).map(e -> e.pgrp() == pid).orElse(false);
            if (!inGroup) LibC.get().kill((int) p, signal.number());
        }
    }

    @Override
    public void signalSession(long sid, PosixSignal signal) {
        ProcSnapshot snapshot = ProcSnapshot.take();
        for (long p : snapshot.liveInSession(sid)) LibC.get().kill((int) p, signal.number());
    }

    @Override
    public Set<Long> live(long pid, boolean ownGroup) {
        return ProcSnapshot.take().liveTree(Set.of(pid), ownGroup ? pid : -1);
    }

    @Override
    public boolean hasExited(long pid) {
        // Called often for every running service: read just the head of /proc/PID/stat, no String of it all.
        java.nio.ByteBuffer head = java.nio.ByteBuffer.allocate(96);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(Path.of("/proc/" + pid + "/stat"))) {
            ch.read(head);
        } catch (java.io.IOException e) {
            return true;
        }
        byte[] a = head.array();
        for (int i = head.position() - 1; i > 0; i--) {
            if (a[i] == ')') return i + 2 >= head.position() || a[i + 2] == 'Z' || a[i + 2] == 'X';
        }
        return false;
    }

    @Override
    public void adoptOrphans() {
        LibC.get().prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    @Override
    public void reapOrphans() {
        long self = ProcessHandle.current().pid();
        for (long z : ProcSnapshot.take().zombieChildren(self)) {
            if (!ChildProcess.isManaged(z)) LibC.get().waitpid((int) z, new int[1], LibC.WNOHANG);
        }
    }

    @Override
    public Set<Long> serviceDescendants() {
        long self = ProcessHandle.current().pid();
        ProcSnapshot snapshot = ProcSnapshot.take();
        long ourSession = snapshot.get(self).map(ProcSnapshot.Entry::session).orElse(-1L);
        Set<Long> tree = snapshot.liveTree(Set.of(self), -1);
        tree.removeIf(pid -> pid == self || snapshot.get(pid).map(e -> e.session() == ourSession).orElse(true));
        return tree;
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) if (Files.isExecutable(Path.of(p))) return p;
        return null;
    }
}
