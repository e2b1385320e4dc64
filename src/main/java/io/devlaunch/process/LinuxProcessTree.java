package io.devlaunch.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Linux: {@code setsid} makes the child lead a new session and group (NuProcess cannot, issue #78),
 * so {@code kill(-pgid)} reaches grandchildren even after the leader died; a {@code /proc} walk adds
 * descendants that escaped the group. devlaunch is a child subreaper, so orphans re-parent to it
 * rather than to init and stay inside the walk. Children start with default signal dispositions
 * and an empty mask ({@link ChildSignals}).
 */
final class LinuxProcessTree implements ProcessTree {
    private static final String SETSID = findSetsid();
    private final ProcTrouble trouble = new ProcTrouble();

    @Override
    public void reportProblemsTo(Consumer<String> sink) {
        trouble.sendTo(sink);
    }

    @Override
    public String spawnTrouble() {
        return Descriptors.exhausted();
    }

    @Override
    public List<String> wrap(List<String> argv) {
        List<String> reset = ChildSignals.reset();
        // env reads a leading NAME=VALUE as an assignment, not the program: setsid goes first there.
        if (SETSID == null && argv.get(0).contains("=")) return argv;
        List<String> out = new ArrayList<>(argv.size() + reset.size() + 2);
        out.addAll(reset);
        if (SETSID != null) {
            out.add(SETSID);
            out.add("--");          // a program whose name starts with "-" is not one of setsid's options
        }
        out.addAll(argv);
        return out;
    }

    /**
     * sh opens the slave as fd 0, 1 and 2 and execs (the PID stays the service's); setsid --ctty
     * makes it the session's controlling terminal. NuProcess's stdout pipe moves to fd 3 and stays
     * open in the service, so the pump sees the leader's exit as soon as for any other service
     * (stderr's pipe closes at once).
     */
    private static final String ON_TERMINAL = "exec 3>&1 0<>\"$0\" 1>&0 2>&0; exec \"$@\"";

    @Override
    public List<String> wrapOnTerminal(List<String> argv, String slave) {
        if (SETSID == null || !Files.isExecutable(Path.of("/bin/sh"))) return null;
        List<String> reset = ChildSignals.reset();
        List<String> out = new ArrayList<>(argv.size() + reset.size() + 8);
        out.addAll(List.of("/bin/sh", "-c", ON_TERMINAL, slave));
        out.addAll(reset);
        out.addAll(List.of(SETSID, "--ctty", "--"));
        out.addAll(argv);
        return out;
    }

    @Override
    public boolean startsNewSession() {
        return SETSID != null;
    }

    @Override
    public <T> T spawn(Supplier<T> start) {
        return ChildSignals.withEmptyMask(start);
    }

    @Override
    public boolean leadsOwnGroup(long pid) {
        return SETSID != null && LibC.get().getpgid((int) pid) == pid;
    }

    @Override
    public void signal(long pid, boolean ownGroup, PosixSignal signal) {
        ProcSnapshot snapshot;
        try {
            snapshot = ProcSnapshot.take();
        } catch (IOException e) {
            // Asked only while the leader is unreaped, so its PID and group are still ours: those
            // need no /proc. Descendants that left the group wait for a readable /proc.
            trouble.report(e);
            LibC.get().kill((int) (ownGroup ? -pid : pid), signal.number());
            return;
        }
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
        ProcSnapshot snapshot;
        try {
            snapshot = ProcSnapshot.take();
        } catch (IOException e) {
            trouble.report(e);          // whose session the number is now is unknown: signal nothing
            return;
        }
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
        try {
            return ProcSnapshot.take().liveTree(Set.of(pid), ownGroup ? pid : -1);
        } catch (IOException e) {
            trouble.report(e);
            return Set.of(pid);         // unknown: at least the process asked about, never "nothing left"
        }
    }

    @Override
    public boolean hasExited(long pid) {
        try {
            return ProcFs.system().gone(pid);
        } catch (IOException e) {
            trouble.report(e);
            return false;               // unknown is not "exited": that answer SIGKILLed healthy services
        }
    }

    @Override
    public Exit peekExit(long pid) {
        // siginfo_t: si_code at 8; the union's si_pid and si_status at 16 and 24 on 64-bit (12, 20 on 32-bit).
        com.sun.jna.Memory info = new com.sun.jna.Memory(128);
        info.clear();
        int rc = LibC.get().waitid(LibC.P_PID, (int) pid, info, LibC.WEXITED | LibC.WNOWAIT | LibC.WNOHANG);
        int base = com.sun.jna.Native.POINTER_SIZE == 8 ? 16 : 12;
        if (rc != 0 || info.getInt(base) != pid) return null;       // not a zombie yet (si_pid 0), or not ours
        int code = info.getInt(8);
        int status = info.getInt(base + 8);
        if (code == LibC.CLD_EXITED) return Exit.code(status);
        if (code == LibC.CLD_KILLED || code == LibC.CLD_DUMPED) return Exit.signal(status);
        return null;
    }

    @Override
    public void adoptOrphans() {
        LibC.get().prctl(LibC.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
    }

    @Override
    public void reapOrphans() {
        // Our own children only, from the kernel's per-thread child lists: a few small reads, where a
        // snapshot of all of /proc (the fallback, for kernels without those lists) reads every process.
        List<Long> zombies = new ArrayList<>();
        try {
            List<Long> children = ProcFs.system().childrenOfSelf();
            if (children == null) zombies = ProcSnapshot.take().zombieChildren(ProcessHandle.current().pid());
            else for (long c : children) if (ProcFs.system().gone(c)) zombies.add(c);
        } catch (IOException e) {
            trouble.report(e);          // the next round reaps them
            return;
        }
        for (long z : zombies) {
            // NuProcess's children and the watchdog (the JDK waits for it) are reaped by their owners.
            if (!ChildProcess.isManaged(z) && !Watchdog.isWatchdog(z)) LibC.get().waitpid((int) z, new int[1], LibC.WNOHANG);
        }
    }

    @Override
    public Set<Long> serviceDescendants() {
        long self = ProcessHandle.current().pid();
        ProcSnapshot snapshot;
        try {
            snapshot = ProcSnapshot.take();
        } catch (IOException e) {
            trouble.report(e);
            return Set.of();            // none known: nothing is killed for being left over
        }
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
