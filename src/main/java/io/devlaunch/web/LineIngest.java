package io.devlaunch.web;

import io.devlaunch.lines.LineBatch;
import java.util.ArrayDeque;

/**
 * Takes the children's line batches off the output pump: the pump (one thread reads every child's
 * pipe and also reports their exits) only enqueues the immutable batch and wakes this thread, which
 * renders the JSON and appends to the rings. So a busy dashboard cannot make the pump late, which
 * would delay every child's writes and every exit it reports. Bounded: past
 * {@link #MAX_PENDING_LINES} the oldest pending batches are counted, not kept, and streams learn
 * of them as skipped lines.
 */
final class LineIngest {
    static final int MAX_PENDING_LINES = 40_000;

    private record Pending(String service, boolean stderr, LineBatch lines) {}

    private final EventHub hub;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int pendingLines;
    private int droppedAhead;      // lines dropped from the head of the queue, to count before its first batch
    private boolean closed;
    private Thread thread;

    LineIngest(EventHub hub) {
        this.hub = hub;
    }

    /** On the pump thread: never blocks beyond this queue's lock. */
    synchronized void offer(String service, boolean stderr, LineBatch lines) {
        if (closed) return;
        int n = lines.size();
        // Full: the oldest pending batches go (as the rings would drop them first), never the newest.
        while (pendingLines + n > MAX_PENDING_LINES && !queue.isEmpty()) {
            int gone = queue.pollFirst().lines().size();
            pendingLines -= gone;
            droppedAhead += gone;
        }
        queue.addLast(new Pending(service, stderr, lines));
        pendingLines += n;
        if (thread == null) {
            thread = new Thread(this::run, "devlaunch-web-lines");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void run() {
        while (true) {
            Pending p;
            int dropped;
            synchronized (this) {
                while (queue.isEmpty() && droppedAhead == 0 && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) return;
                dropped = droppedAhead;
                droppedAhead = 0;
                p = queue.pollFirst();
                if (p != null) pendingLines -= p.lines().size();
            }
            if (dropped > 0) hub.skip(dropped);
            if (p != null) hub.ingest(p.service(), p.stderr(), p.lines());
        }
    }
}
