package io.devlaunch.web;

import io.devlaunch.output.LineBatch;
import io.devlaunch.supervise.StateChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the dashboard knows of the run: each service's last {@link #RING_LINES} lines under one
 * global sequence, each service's last transition, and the open event streams. Producers (the
 * output pump, the supervisor loop) only append and enqueue under one short lock — one per batch
 * of lines, never around I/O — and each stream's own thread does the writing.
 */
public final class EventHub {
    public static final int RING_LINES = 2_000;
    static final int MAX_STREAMS = 16;

    private final Map<String, LineRing> rings = new HashMap<>();
    private final List<EventStream> streams = new ArrayList<>();
    private final Map<String, StateChange> lastChanges = new ConcurrentHashMap<>();
    private long seq;
    private boolean closed;

    /** A child's lines, on the pump thread: decoded and capped outside the lock, then appended and handed to each stream. */
    public void onLines(String service, boolean stderr, LineBatch lines) {
        int n = lines.size();
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) texts[i] = LogLine.cap(lines.line(i));
        synchronized (this) {
            if (closed) return;
            LineRing ring = rings.computeIfAbsent(service, s -> new LineRing(RING_LINES));
            LogLine[] batch = new LogLine[n];
            for (int i = 0; i < n; i++) {
                batch[i] = new LogLine(++seq, service, stderr, texts[i]);
                ring.add(batch[i]);
            }
            for (EventStream s : streams) s.offerAll(batch);
        }
    }

    /** A transition with its service's row as it is now; on the supervisor loop. */
    void onState(StateChange change, String rowJson) {
        lastChanges.put(change.service(), change);
        StringBuilder sb = new StringBuilder(256).append("{\"service\":");
        JsonText.quote(sb, change.service()).append(",\"from\":");
        JsonText.quote(sb, change.from().label()).append(",\"to\":");
        JsonText.quote(sb, change.to().label()).append(",\"detail\":");
        if (change.detail() == null) sb.append("null");
        else JsonText.quote(sb, change.detail());
        sb.append(",\"pid\":").append(change.pid() < 0 ? "null" : Long.toString(change.pid()));
        sb.append(",\"row\":").append(rowJson).append('}');
        String frame = EventStream.frame("state", sb.toString());
        synchronized (this) {
            for (EventStream s : streams) s.offer(frame);
        }
    }

    Map<String, StateChange> lastChanges() {
        return Map.copyOf(lastChanges);
    }

    StateChange lastChange(String service) {
        return lastChanges.get(service);
    }

    /**
     * Registers a stream; with {@code lastEventId} ≥ 0 first queues the lines after it that the
     * rings still hold, then a {@code skipped} event counting the ones they no longer do. False when
     * {@link #MAX_STREAMS} are open already (or the hub is closed).
     */
    synchronized boolean open(EventStream stream, long lastEventId) {
        if (closed || streams.size() >= MAX_STREAMS) return false;
        if (lastEventId >= 0 && lastEventId <= seq) {
            List<LogLine> replay = new ArrayList<>();
            for (LineRing r : rings.values()) r.after(lastEventId, replay);
            replay.sort(Comparator.comparingLong(l -> l.seq));
            long missing = (seq - lastEventId) - replay.size();
            for (LogLine l : replay) stream.offer(l);
            if (missing > 0) stream.offer(EventStream.frame("skipped", "{\"count\":" + missing + "}"));
        }
        streams.add(stream);
        return true;
    }

    synchronized void close(EventStream stream) {
        streams.remove(stream);
        stream.close();
    }

    synchronized int openStreams() {
        return streams.size();
    }

    /** A service's last {@code n} lines, and how many of the last {@code n} it printed are gone from the ring. */
    synchronized Tail tail(String service, int n) {
        LineRing r = rings.get(service);
        if (r == null) return new Tail(List.of(), 0);
        List<LogLine> lines = r.last(n);
        return new Tail(lines, Math.min(n, r.total()) - lines.size());
    }

    record Tail(List<LogLine> lines, long skipped) {}

    /** Ends every stream (their threads return) and takes no more lines. */
    public synchronized void close() {
        closed = true;
        streams.forEach(EventStream::close);
        streams.clear();
    }
}
