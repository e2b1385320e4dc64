package io.devlaunch.proxy;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Deadlines on the loop thread (hold limits, the 503 responder's read timeout, connect retries).
 * The selector's wait is the time to the next one, so an idle proxy sleeps and a busy one never
 * polls. Cancelling only marks a timer: with 1,000 held connections each moved to a new limit,
 * removing from the middle of the heap would cost more than skipping dead entries when they surface.
 */
final class Timers {
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long sequence;   // ties broken by insertion order, so equal deadlines run first-come

    Timer schedule(long deadlineNanos, Runnable action) {
        Timer t = new Timer(deadlineNanos, sequence++, action);
        queue.add(t);
        return t;
    }

    /** -1: nothing scheduled; otherwise milliseconds to the next deadline, rounded up, at least 0. */
    long millisUntilNext() {
        Timer next;
        while ((next = queue.peek()) != null && next.cancelled) queue.poll();
        if (next == null) return -1;
        long nanos = next.deadline - System.nanoTime();
        if (nanos <= 0) return 0;
        return Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    void runDue(long now, Consumer<Throwable> onFailure) {
        Timer next;
        while ((next = queue.peek()) != null && (next.cancelled || next.deadline - now <= 0)) {
            queue.poll();
            if (!next.cancelled) {
                next.cancelled = true;
                try {
                    next.action.run();
                } catch (RuntimeException | Error e) {
                    onFailure.accept(e);   // one connection's bug must not stop the loop
                }
            }
        }
    }

    int size() {
        return queue.size();
    }

    static final class Timer implements Comparable<Timer> {
        final long deadline;
        private final long seq;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline - o.deadline, 0);   // nanoTime may wrap: compare differences
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
