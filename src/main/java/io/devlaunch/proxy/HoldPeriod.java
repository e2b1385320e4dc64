package io.devlaunch.proxy;

import java.time.Duration;

/**
 * The counts behind {@link HoldStats} for one period (from one {@code forwardTo} to the next).
 * A connection held twice in a period (a refused connect, held again) counts once. Loop thread only.
 */
final class HoldPeriod {
    private long period;
    private int held;
    private int refused;
    private long longestNanos;

    void held(Connection c) {
        if (c.heldInPeriod != period) {
            c.heldInPeriod = period;
            held++;
        }
    }

    void refused() {
        refused++;
    }

    void left(Connection c) {
        longestNanos = Math.max(longestNanos, System.nanoTime() - c.acceptedAt);
    }

    /** The period so far; those still held count with their wait up to now. */
    HoldStats snapshot(Iterable<Connection> stillHeld) {
        long now = System.nanoTime();
        long longest = longestNanos;
        for (Connection c : stillHeld) longest = Math.max(longest, now - c.acceptedAt);
        return new HoldStats(held, Duration.ofNanos(longest), refused);
    }

    void next() {
        period++;
        held = refused = 0;
        longestNanos = 0;
    }
}
