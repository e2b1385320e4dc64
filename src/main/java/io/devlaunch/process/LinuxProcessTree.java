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
    public boolean leadsOwnGroup(long pid) {
        return SETSID != null && LibC.get().getpgid((int) pid) == pid;
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
        // Asked once our session's leader has exited and been reaped. The kernel hands out no number
        // still in use as a session id, so a process that has the number now means our session is
        // gone and the number was reused: its session is someone else's (with pid_max 32768 on a busy
        // machine, within minutes), e.g. a detached supervisor (setsid), which a stale SIGTERM here
        // stopped mid-start (DashboardIT's `up -d`: "the background supervisor ended (exit 130)").
        if (snapshot.get(sid).isPresent()) return;
        for (long p : snapshot.liveInSession(sid)) LibC.get().kill((int) p, signal.number());
    }

    @Override
    public Set<Long> live(long pid, boolean ownGroup) {
        return ProcSnapshot.take().liveTree(Set.of(pid), ownGroup ? pid : -1);
    }

    @Override
    public boolean hasExited(long pid) {
        return ProcFs.system().gone(pid);
    }

    @Override
    public void adoptOrphans() {
        LibC.get().prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    @Override
    public void reapOrphans() {
        // Our own children only, from the kernel's per-thread child lists: a few small reads, where a
        // snapshot of all of /proc (the fallback, for kernels without those lists) reads every process.
        List<Long> children = ProcFs.system().childrenOfSelf();
        List<Long> zombies = children == null ? ProcSnapshot.take().zombieChildren(ProcessHandle.current().pid())
                : children.stream().filter(ProcFs.system()::gone).toList();
        for (long z : zombies) {
            // NuProcess's children and the watchdog (the JDK waits for it) are reaped by their owners.
            if (!ChildProcess.isManaged(z) && !Watchdog.isWatchdog(z)) LibC.get().waitpid((int) z, new int[1], LibC.WNOHANG);
        }
    }

    @Override
    public Set<Long> serviceDescendants() {
        long self = ProcessHandle.current().pid();
        ProcSnapshot snapshot = ProcSnapshot.take();
        long ourSession = snapshot.get(self).map(ProcFs.Stat::session).orElse(-1L);
        Set<Long> tree = snapshot.liveTree(Set.of(self), -1);
        tree.removeIf(pid -> pid == self || Watchdog.isWatchdog(pid) || snapshot.get(pid).map(e -> e.session() == ourSession).orElse(true));
        return tree;
    }

    private static String findSetsid() {
        for (String p : List.of("/usr/bin/setsid", "/bin/setsid")) if (Files.isExecutable(Path.of(p))) return p;
        return null;
    }
}
