package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.PosixSignal;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Stopping one service's process tree: its stop-signal to the whole tree, SIGKILL if it is still
 * there after the grace; and once the leader has exited, the rest of its group — at once after a
 * crash, after its stop-timeout when we stopped it. Runs on the supervisor's loop.
 */
final class TreeStop {
    private ServiceSpec spec;       // replaced between a stop and the next start (see use)
    private final RunContext ctx;
    private ScheduledFuture<?> killTimer;

    TreeStop(ServiceSpec spec, RunContext ctx) {
        this.spec = spec;
        this.ctx = ctx;
    }

    /** A restart's new definition: its stop-signal and stop-timeout apply to the next run (the old run's timers keep theirs). */
    void use(ServiceSpec next) {
        spec = next;
    }

    void begin(ChildProcess target, Duration grace) {
        target.signal(PosixSignal.named(spec.stopSignal()));
        cancel();
        killTimer = ctx.loop().schedule(() -> {
            if (target.exitReported()) return;
            ctx.console().say(spec.name(), "did not stop within " + grace.toSeconds() + "s of SIG" + spec.stopSignal()
                    + " — sending SIGKILL to its process tree");
            target.signal(PosixSignal.KILL);
        }, grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The leader exited: its group ends with it. */
    void leaderExited(ChildProcess c, boolean stoppedByUs) {
        if (!stoppedByUs) c.signal(PosixSignal.KILL);
        else ctx.loop().schedule(() -> c.signal(PosixSignal.KILL), spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A leader that exited while a grandchild still holds its pipes: killing the leftovers lets the exit through. */
    void checkLeader(ChildProcess c) {
        if (c != null && !c.exitReported() && c.leaderExited()) c.signal(PosixSignal.KILL);
    }

    void cancel() {
        if (killTimer != null) killTimer.cancel(false);
    }
}
