package io.devlaunch.output;

/**
 * How far the console's writer is behind its producers, in bytes, and what to do past the bound:
 * skip (the supervisor's console: a producer is a child's pump and must never wait) or wait
 * ({@code logs}: a file reader can). Skipping has hysteresis — once over the bound, lines are
 * skipped until the writer is down to half of it — so a slow terminal gets one "skipped" line per
 * stall, not one per batch.
 */
final class Backlog {
    static final long SKIP = -1;

    private final long limit;
    private final boolean skips;
    private long bytes;
    private long skipped;       // lines skipped since the last note
    private boolean skipping;

    Backlog(long limit, boolean skips) {
        this.limit = limit;
        this.skips = skips;
    }

    /**
     * A producer's batch: {@link #SKIP} when it is to be dropped; otherwise admitted, and the number
     * of lines skipped before it (0 for none), which the caller says before printing it.
     */
    synchronized long admit(long size, int lines) {
        if (!skips) {
            try {
                while (bytes > 0 && bytes + size > limit) wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SKIP;
            }
            bytes += size;
            return 0;
        }
        if (skipping ? bytes > limit / 2 : bytes + size > limit) {
            skipping = true;
            skipped += lines;
            return SKIP;
        }
        skipping = false;
        bytes += size;
        return takeSkipped();
    }

    /** devlaunch's own lines: always admitted (they are few, and they are the diagnosis). */
    synchronized void force(long size) {
        bytes += size;
    }

    synchronized void release(long size) {
        bytes -= size;
        notifyAll();
    }

    /** Lines skipped and not yet said; the count starts over. */
    synchronized long takeSkipped() {
        long s = skipped;
        skipped = 0;
        return s;
    }

    synchronized long bytes() {
        return bytes;
    }
}
