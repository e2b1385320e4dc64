package io.devlaunch.output;

import io.devlaunch.lines.EscapeCodes;
import io.devlaunch.lines.LineBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last N lines of a service's output, for crash reports. Decodes only what it keeps. Thread-safe. */
public final class RecentLines {
    private final int capacity;
    private final ArrayDeque<String> lines;

    public RecentLines(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    public synchronized void add(LineBatch batch) {
        for (String line : batch.last(capacity)) {
            if (lines.size() == capacity) lines.removeFirst();
            lines.addLast(EscapeCodes.strip(line));
        }
    }

    public synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(lines);
        return List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    public synchronized void clear() {
        lines.clear();
    }
}
