package io.devlaunch.web;

import java.util.concurrent.TimeUnit;

/**
 * How many requests are being answered. The JDK 17 server's {@code stop(1)} always waits its full
 * second even when none is (JDK-8304065, fixed in 21), so every {@code up} ended a second late; the
 * dashboard instead waits here, only as long as requests are still going, then stops at once.
 */
final class InFlight {
    private int count;

    synchronized void enter() {
        count++;
    }

    synchronized void exit() {
        if (--count == 0) notifyAll();
    }

    synchronized int count() {
        return count;
    }

    /** True once none is in flight, false when {@code millis} passed first. Returns at once when idle. */
    synchronized boolean awaitNone(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (count > 0 && (left = deadline - System.nanoTime()) > 0) TimeUnit.NANOSECONDS.timedWait(this, left);
        return count == 0;
    }
}
