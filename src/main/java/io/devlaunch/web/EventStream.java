package io.devlaunch.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One browser's {@code /api/events}: a bounded queue the hub fills (the pump and the loop only
 * enqueue, never write) and this stream's own thread empties onto the socket. When the browser
 * reads too slowly the oldest events are dropped for it alone and counted; the next write starts
 * with {@code event: skipped}. With nothing to send for {@link #PING_EVERY_NANOS} it sends a
 * {@code : ping} comment, from the same thread (no timer per client).
 */
final class EventStream {
    static final int QUEUE = 4_096;
    static final long PING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int WRITE_BATCH = 512;

    private final int capacity;
    private final long pingNanos;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();     // LogLine, or a ready frame (String)
    private long skipped;
    private boolean closed;

    EventStream() {
        this(QUEUE, PING_EVERY_NANOS);
    }

    EventStream(int capacity, long pingNanos) {
        this.capacity = capacity;
        this.pingNanos = pingNanos;
    }

    /** Queues a log line or a frame; drops the oldest when full. Never blocks beyond this queue's lock. */
    synchronized void offer(Object event) {
        if (closed) return;
        add(event);
        notifyAll();
    }

    /** A batch of lines under one lock and one wake-up: the stream's thread then writes them in one go. */
    synchronized void offerAll(LogLine[] lines) {
        if (closed) return;
        for (LogLine l : lines) add(l);
        notifyAll();
    }

    private void add(Object event) {
        if (queue.size() >= capacity) {
            queue.pollFirst();
            skipped++;
        }
        queue.addLast(event);
    }

    /** No more events; the stream's thread writes what is queued, then returns. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** Writes events until the browser goes away or the hub closes this stream; on the request's thread. */
    void pump(OutputStream out) throws IOException {
        List<Object> batch = new ArrayList<>(WRITE_BATCH);
        StringBuilder sb = new StringBuilder(8192);
        while (true) {
            long gap;
            synchronized (this) {
                long deadline = System.nanoTime() + pingNanos;
                long left;
                while (queue.isEmpty() && skipped == 0 && !closed && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                // Closed at the end of the run: what is queued (the last transitions) still goes out.
                if (closed && queue.isEmpty() && skipped == 0) return;
                gap = skipped;
                skipped = 0;
                for (int i = 0; i < WRITE_BATCH && !queue.isEmpty(); i++) batch.add(queue.pollFirst());
            }
            // Written outside the lock: a stalled browser blocks only this thread, never the hub.
            if (gap > 0) sb.append("event: skipped\ndata: {\"count\":").append(gap).append("}\n\n");
            for (Object e : batch) {
                if (e instanceof LogLine l) sb.append("event: log\nid: ").append(l.seq).append("\ndata: ").append(l.json()).append("\n\n");
                else sb.append((String) e);
            }
            if (sb.length() == 0) sb.append(": ping\n\n");
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            batch.clear();
            sb.setLength(0);
        }
    }

    /** An SSE frame of one event with JSON data (no newlines: {@link JsonText} escapes them). */
    static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }
}
