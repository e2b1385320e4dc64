package io.devlaunch.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every service's {@link LineRing} under one global sequence. Streams do not hold copies of lines:
 * each keeps a {@link Cursor} (the last seq it sent) and its writer copies the frames after it
 * straight out of the rings. Not thread-safe: {@link EventHub} guards it.
 */
final class Rings {
    private final int linesPerRing;
    private final Map<String, LineRing> byService = new HashMap<>();
    private final List<LineRing> all = new ArrayList<>();
    private long seq;

    Rings(int linesPerRing) {
        this.linesPerRing = linesPerRing;
    }

    long seq() {
        return seq;
    }

    /**
     * Appends a batch whose first {@code unkept} lines are not stored (they would be evicted at once)
     * but take their seqs and count as printed, and the rest's JSON (after each seq) is {@code rest},
     * line {@code i} spanning {@code ends[i-1], ends[i]}.
     */
    void append(String service, int unkept, Bytes rest, int[] ends, int n) {
        LineRing ring = byService.get(service);
        if (ring == null) {
            ring = new LineRing(linesPerRing);
            byService.put(service, ring);
            all.add(ring);
        }
        seq += unkept;
        ring.unkept(unkept);
        byte[] bytes = rest.array();
        for (int i = 0; i < n; i++) ring.add(++seq, bytes, i == 0 ? 0 : ends[i - 1], ends[i]);
    }

    /** Seqs of lines that were never stored (the ingest was too far behind). */
    void skip(int lines) {
        seq += lines;
    }

    /** The last {@code n} lines of a service as a JSON array's items; and how many of the last n it printed are gone. */
    long tail(String service, int n, Bytes out) {
        LineRing r = byService.get(service);
        if (r == null) return 0;
        int k = Math.min(n, r.size());
        for (int i = r.size() - k; i < r.size(); i++) {
            if (i > r.size() - k) out.ascii(",");
            r.copy(i, out);
        }
        return Math.min(n, r.total()) - k;
    }

    /** Where one stream is: the last seq it sent, the end of its resume replay, lines it missed not yet told. */
    static final class Cursor {
        long last;
        long replayTo;
        long missed;

        Cursor(long last, long replayTo) {
            this.last = last;
            this.replayTo = replayTo;
        }
    }

    /**
     * Appends up to {@code maxLines} {@code log} frames after {@code c}, in seq order across the
     * rings, and moves it on. A live stream more than {@code maxLag} lines behind jumps ahead; those
     * lines, and any gone from the rings, are counted into a {@code skipped} frame: written before
     * the lines that follow the gap once live, and right after the last replayed line while a
     * {@code Last-Event-ID} resume replays (as the contract orders it).
     */
    void framesAfter(Cursor c, int maxLines, int maxLag, Bytes out) {
        if (c.last >= c.replayTo && seq - c.last > maxLag) {
            c.missed += seq - maxLag - c.last;
            c.last = seq - maxLag;
        }
        int rings = all.size();
        int[] pos = new int[rings];
        for (int r = 0; r < rings; r++) pos[r] = all.get(r).firstAfter(c.last);
        int sent = 0;
        for (; sent < maxLines; sent++) {
            int best = -1;
            long bestSeq = Long.MAX_VALUE;
            for (int r = 0; r < rings; r++) {
                LineRing ring = all.get(r);
                if (pos[r] < ring.size() && ring.seq(pos[r]) < bestSeq) {
                    best = r;
                    bestSeq = ring.seq(pos[r]);
                }
            }
            if (best < 0) break;
            c.missed += bestSeq - c.last - 1;     // the seqs between are in no ring any more
            if (c.last >= c.replayTo) tellMissed(c, out);
            c.last = bestSeq;
            out.ascii("event: log\nid: ").number(bestSeq).ascii("\ndata: ");
            all.get(best).copy(pos[best]++, out);
            out.ascii("\n\n");
            if (c.last >= c.replayTo) tellMissed(c, out);
        }
        if (sent < maxLines && c.last < seq) {    // the rest are gone from the rings
            c.missed += seq - c.last;
            c.last = seq;
        }
        if (c.last >= c.replayTo) tellMissed(c, out);
    }

    private static void tellMissed(Cursor c, Bytes out) {
        if (c.missed == 0) return;
        out.ascii("event: skipped\ndata: {\"count\":").number(c.missed).ascii("}\n\n");
        c.missed = 0;
    }
}
