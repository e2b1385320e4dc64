package io.devlaunch.proxy;

import java.time.Duration;
import java.util.Locale;

/**
 * What holding cost clients in one period (from one {@code forwardTo} to the next): how many
 * connections were held, the longest a client waited (accept until it was forwarded, answered or
 * gave up), and how many of them were refused (503 or closed) because the wait ran out or the
 * service would not come back.
 */
public record HoldStats(int held, Duration longestWait, int refused) {
    public static final HoldStats NONE = new HoldStats(0, Duration.ZERO, 0);

    /** For the console: "held 3 connections, longest 0.84s" (plus the refused, if any). */
    public String summary() {
        String s = String.format(Locale.ROOT, "held %d connection%s, longest %.2fs",
                held, held == 1 ? "" : "s", longestWait.toNanos() / 1e9);
        return refused == 0 ? s : s + ", " + refused + " refused";
    }
}
