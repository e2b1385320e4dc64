package io.devlaunch.web;

import io.devlaunch.json.JsonWriter;
import io.devlaunch.lines.LineBatch;
import io.devlaunch.supervise.StateChange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the dashboard knows of the run: each service's last {@link #RING_LINES} lines under one
 * global sequence ({@link Rings}), each service's last transition, and the open event streams.
 * The output pump only hands each batch to {@link LineIngest}, whose thread renders its JSON outside
 * the lock, copies it into the rings under one short lock and wakes the streams; each stream's
 * own thread copies its frames out and writes.
 * No lock is held during I/O.
 */
public final class EventHub {
    public static final int RING_LINES = 2_000;
    static final int MAX_STREAMS = 16;

    private final Rings rings = new Rings(RING_LINES);
    private final LineIngest ingest = new LineIngest(this);
    private final List<EventStream> streams = new CopyOnWriteArrayList<>();
    private final Map<String, StateChange> lastChanges = new ConcurrentHashMap<>();
    private final Bytes rendered = new Bytes(64 * 1024);     // the ingest thread's, reused batch after batch
    private volatile long published;      // the rings' last seq, read by waiting streams without the lock
    private boolean closed;

    /** A child's lines, on the pump thread: handed to {@link LineIngest}'s thread. */
    public void onLines(String service, boolean stderr, LineBatch lines) {
        ingest.offer(service, stderr, lines);
    }

    /** Renders a batch outside the lock, copies it into the rings under it, wakes the streams; on the ingest thread. */
    void ingest(String service, boolean stderr, LineBatch lines) {
        // A ring keeps at most RING_LINES lines: of a bigger batch (a burst read at once) the older ones would be
        // evicted by this same append, under the lock, before any stream could see them. They only take their seqs.
        int unkept = Math.max(0, lines.size() - RING_LINES);
        rendered.reset();
        int[] ends = LogLine.renderBatch(rendered, service, stderr, lines, unkept);
        synchronized (this) {
            if (closed) return;
            rings.append(service, unkept, rendered, ends, ends.length);
            published = rings.seq();
        }
        for (EventStream s : streams) s.wake();
    }

    /** Lines the ingest could not keep: their seqs are used, so streams count them as skipped. */
    void skip(int lines) {
        synchronized (this) {
            if (closed) return;
            rings.skip(lines);
            published = rings.seq();
        }
        for (EventStream s : streams) s.wake();
    }

    long published() {
        return published;
    }

    /**
     * A transition with its service's row as it is now; on the supervisor loop. Streams send it before any pending
     * lines.
     */
    void onState(StateChange change, String rowJson) {
        lastChanges.put(change.service(), change);
        JsonWriter w = new JsonWriter(new StringBuilder(256)).beginObject()
                .field("service", change.service()).field("from", change.from().label()).field("to",
                        change.to().label())
                .field("detail", change.detail()).field("pid", change.pid() < 0 ? null : change.pid());
        String frame = EventStream.frame("state", w.name("row").raw(rowJson).endObject().toString());
        for (EventStream s : streams) s.offerState(frame);
    }

    Map<String, StateChange> lastChanges() {
        return Map.copyOf(lastChanges);
    }

    StateChange lastChange(String service) {
        return lastChanges.get(service);
    }

    /**
     * Registers a stream at the rings' current end; with {@code lastEventId} ≥ 0 (and not past that
     * end) it first replays the lines after it that the rings still hold, then a {@code skipped}
     * event counting the ones they no longer do. False when {@link #MAX_STREAMS} are open already
     * (or the hub is closed).
     */
    synchronized boolean open(EventStream stream, long lastEventId) {
        if (closed || streams.size() >= MAX_STREAMS) return false;
        long seq = rings.seq();
        stream.cursor = lastEventId >= 0 && lastEventId <= seq ? new Rings.Cursor(lastEventId,
                seq) : new Rings.Cursor(seq, seq);
        streams.add(stream);
        return true;
    }

    /** A stream's next frames, copied out of the rings; on that stream's thread. */
    synchronized void framesAfter(Rings.Cursor cursor, int maxLines, int lag, Bytes out) {
        rings.framesAfter(cursor, maxLines, lag, out);
    }

    synchronized void close(EventStream stream) {
        streams.remove(stream);
        stream.close();
    }

    synchronized int openStreams() {
        return streams.size();
    }

    /**
     * A service's last {@code n} lines (JSON array items), and how many of the last {@code n} it printed are gone from
     * the ring.
     */
    synchronized Tail tail(String service, int n) {
        Bytes out = new Bytes(n * 160 + 16);
        long skipped = rings.tail(service, n, out);
        return new Tail(new String(out.toArray(), StandardCharsets.UTF_8), skipped);
    }

    record Tail(String linesJson, long skipped) {}

    /** Ends every stream (their threads return) and takes no more lines. */
    public synchronized void close() {
        closed = true;
        ingest.close();
        streams.forEach(EventStream::close);
        streams.clear();
    }
}
