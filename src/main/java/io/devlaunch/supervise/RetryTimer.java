package io.devlaunch.supervise;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A crashed service's next start, due its backoff after the exit was *seen* — not after the crash
 * report was written, so reporting never lengthens the wait. Runs on the supervisor's loop.
 */
final class RetryTimer {
    private final RunContext ctx;
    private long exitNanos;
    private ScheduledFuture<?> timer;

    RetryTimer(RunContext ctx) {
        this.ctx = ctx;
    }

    /** When the exit was seen, on the injected clock. */
    void exitSeen(long nanos) {
        exitNanos = nanos;
    }

    void schedule(Duration backoff, Runnable due) {
        long left = Math.max(0, backoff.toNanos() - (ctx.nanoTime().getAsLong() - exitNanos));
        timer = ctx.loop().schedule(due, left, TimeUnit.NANOSECONDS);
    }

    void cancel() {
        if (timer != null) timer.cancel(false);
    }
}
