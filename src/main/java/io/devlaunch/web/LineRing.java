package io.devlaunch.web;

import java.util.ArrayList;
import java.util.List;

/** One service's last lines, oldest overwritten. Not thread-safe: {@link EventHub} guards it. */
final class LineRing {
    private final LogLine[] lines;
    private int next;       // where the next line goes
    private int size;
    private long total;     // lines ever added

    LineRing(int capacity) {
        lines = new LogLine[capacity];
    }

    void add(LogLine line) {
        lines[next] = line;
        next = (next + 1) % lines.length;
        if (size < lines.length) size++;
        total++;
    }

    long total() {
        return total;
    }

    /** The last {@code n} lines, oldest first. */
    List<LogLine> last(int n) {
        int k = Math.min(n, size);
        List<LogLine> out = new ArrayList<>(k);
        for (int i = k; i > 0; i--) out.add(lines[Math.floorMod(next - i, lines.length)]);
        return out;
    }

    /** Appends the lines after {@code seq}, oldest first. */
    void after(long seq, List<LogLine> out) {
        for (LogLine l : last(size)) if (l.seq > seq) out.add(l);
    }
}
