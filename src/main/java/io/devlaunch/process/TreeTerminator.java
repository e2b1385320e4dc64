package io.devlaunch.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a process we did not spawn in this run (a stale port holder, a leftover child of a crashed
 * supervisor) together with its descendants: SIGTERM, then SIGKILL after a grace period. The tree
 * is captured as {@link ProcessHandle}s before signalling, so descendants are still reached after
 * the root dies, and a PID the OS reuses meanwhile is never signalled (a handle checks start time).
 */
public final class TreeTerminator {
    public enum Result {
        ALREADY_GONE, TERMINATED, KILLED, SURVIVED;

        /** True when nothing of the tree is left. */
        public boolean stopped() {
            return this != SURVIVED;
        }

        /**
         * The report line: "stopped leftover PID 7 (…) and its descendants", "killed … (still running
         * 5s after SIGTERM)", "could not stop … even with SIGKILL".
         *
         * @param who  the process, as the user knows it
         * @param rest what went with it (" and its descendants"), or ""
         */
        public String describe(String who, String rest, Duration grace) {
            return switch (this) {
                case ALREADY_GONE -> who + " had already exited";
                case TERMINATED -> "stopped " + who + rest;
                case KILLED -> "killed " + who + rest + " (still running " + grace.toSeconds() + "s after SIGTERM)";
                case SURVIVED -> "could not stop " + who + " even with SIGKILL";
            };
        }
    }

    private static final Duration KILL_WAIT = Duration.ofSeconds(2);
    private final ProcessTree tree;

    public TreeTerminator(ProcessTree tree) {
        this.tree = tree;
    }

    /**
     * SIGTERM to every member of the tree at once.
     *
     * @param ownGroup the root leads its own process group and session, so the group goes too
     */
    public Result terminate(ProcessIdentity root, boolean ownGroup, Duration grace) {
        return stop(root, ownGroup, grace, false);
    }

    /**
     * SIGTERM to the root only — a supervisor that stops its own children in order — and SIGKILL to
     * whatever of its tree is left if it has not ended within {@code grace}.
     */
    public Result terminateLeader(ProcessIdentity root, Duration grace) {
        return stop(root, false, grace, true);
    }

    private Result stop(ProcessIdentity root, boolean ownGroup, Duration grace, boolean rootOnly) {
        Optional<ProcessHandle> rootHandle = root.live();
        if (rootHandle.isEmpty()) return Result.ALREADY_GONE;
        List<ProcessHandle> members = new ArrayList<>();
        for (long pid : tree.live(root.pid(), ownGroup)) ProcessHandle.of(pid).ifPresent(members::add);
        if (!members.contains(rootHandle.get())) members.add(rootHandle.get());
        if (rootOnly) {
            rootHandle.get().destroy();
            if (awaitGone(List.of(rootHandle.get()), grace) && awaitGone(members, KILL_WAIT)) return Result.TERMINATED;
        } else {
            members.forEach(ProcessHandle::destroy);
            if (awaitGone(members, grace)) return Result.TERMINATED;
        }
        members.forEach(ProcessHandle::destroyForcibly);
        return awaitGone(members, KILL_WAIT) ? Result.KILLED : Result.SURVIVED;
    }

    private boolean awaitGone(List<ProcessHandle> members, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (members.stream().allMatch(h -> !h.isAlive() || tree.hasExited(h.pid()))) return true;
            if (System.nanoTime() > deadline) return false;
            tree.reapOrphans();      // adopted orphans we just killed are zombies until reaped
            LockSupport.parkNanos(10_000_000);
        }
    }
}
