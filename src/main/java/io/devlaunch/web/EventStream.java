package io.devlaunch.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One browser's {@code /api/events}, written by this stream's own thread. It holds no copies of
 * log lines: a {@link Rings.Cursor} says which it sent, and each write copies the next ones out of
 * the rings (the pump only appends there and wakes this thread). {@code state} frames have their
 * own small queue and go first in every write, so a transition never waits behind a backlog of
 * lines, and they are never dropped. A stream more than {@link #LAG} lines behind skips the
 * oldest, for it alone, and is told so with {@code event: skipped}. With nothing to send for
 * {@link #PING_EVERY_NANOS} it sends a {@code : ping} comment (no timer per client).
 */
final class EventStream {
    static final int LAG = 4_096;
    /** A reader that took this many transitions and read none is ended; its reconnect gets a fresh status. */
    static final int MAX_STATES = 1_024;
    static final long PING_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final int WRITE_BATCH = 512;
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final EventHub hub;
    private final int lag;
    private final long pingNanos;
    private final ArrayDeque<String> states = new ArrayDeque<>();
    /** Set by {@link EventHub#open} before this stream's thread starts; then moved by that thread alone, under the hub's lock. */
    Rings.Cursor cursor;
    private boolean closed;
    private boolean overflowed;
    private long lastWrite = System.nanoTime() - LINGER_NANOS;

    EventStream(EventHub hub) {
        this(hub, LAG, PING_EVERY_NANOS);
    }

    EventStream(EventHub hub, int lag, long pingNanos) {
        this.hub = hub;
        this.lag = lag;
        this.pingNanos = pingNanos;
    }

    /** Queues a ready frame ({@code state}) ahead of any lines. Never blocks beyond this stream's lock. */
    synchronized void offerState(String frame) {
        if (closed) return;
        if (states.size() >= MAX_STATES) {
            // Never drop a transition silently: end the stream instead (EventSource reconnects and
            // starts again from a fresh status).
            overflowed = true;
            closed = true;
        } else {
            states.addLast(frame);
        }
        notifyAll();
    }

    /** New lines are in the rings. */
    synchronized void wake() {
        notifyAll();
    }

    /** No more events; the stream's thread writes the transitions still queued, then returns. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private boolean nothingNew() {
        return states.isEmpty() && !closed && hub.published() <= cursor.last;
    }

    /** Writes events until the browser goes away or the hub closes this stream; on the request's thread. */
    void pump(OutputStream out) throws IOException {
        Bytes buf = new Bytes(64 * 1024);
        List<String> frames = new ArrayList<>();
        while (true) {
            boolean end;
            boolean idle;
            synchronized (this) {
                long deadline = System.nanoTime() + pingNanos;
                while (states.isEmpty() && !closed) {
                    long now = System.nanoTime();
                    boolean lines = hub.published() > cursor.last;
                    // Lines wait up to LINGER after the last write, so that a busy run costs one write
                    // (and one trip through the hub's lock) per LINGER, not one per pipe read; a
                    // transition wakes this thread at once.
                    if (lines && now - lastWrite >= LINGER_NANOS) break;
                    long left = (lines ? lastWrite + LINGER_NANOS : deadline) - now;
                    if (left <= 0) break;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (overflowed) return;
                idle = nothingNew();
                frames.addAll(states);
                states.clear();
                end = closed;
            }
            // Copied under the hub's lock (a memcpy), written outside every lock: a stalled browser
            // blocks only this thread.
            for (String f : frames) buf.utf8(f);
            frames.clear();
            hub.framesAfter(cursor, WRITE_BATCH, lag, buf);
            if (buf.size() == 0 && idle) buf.ascii(": ping\n\n");
            if (buf.size() > 0) {
                buf.writeTo(out);
                out.flush();
                buf.reset();
                lastWrite = System.nanoTime();
            }
            if (end) return;
        }
    }

    /** An SSE frame of one event with JSON data (no newlines: {@link JsonText} escapes them). */
    static String frame(String event, String json) {
        return "event: " + event + "\ndata: " + json + "\n\n";
    }
}
