package io.devlaunch.health;

/** Arithmetic on a probe's deadline (a {@link System#nanoTime()} value). */
final class Budget {
    private Budget() {}

    /**
     * Whole milliseconds left before {@code deadline}, at least 1 while any time is left: a socket
     * timeout of 0 would mean "wait forever", the one thing a budget exists to prevent.
     */
    static long millisLeft(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
    }

    /** "2.5s", "5s": a budget as people read it in a probe's finding. */
    static String seconds(java.time.Duration d) {
        long tenths = d.toMillis() / 100;
        return tenths / 10 + (tenths % 10 == 0 ? "" : "." + tenths % 10) + "s";
    }
}
