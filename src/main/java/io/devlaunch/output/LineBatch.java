package io.devlaunch.output;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole lines from one read of a child's output, kept as the bytes that arrived: one array and the
 * bounds of each line. The console and the log file copy bytes straight through; a line becomes a
 * {@link String} only when something needs to read it (a log-line check, a crash report), which
 * keeps the hot path free of per-line decoding and encoding. Immutable once built.
 */
public final class LineBatch {
    private final byte[] data;
    private final int[] bounds;      // line i spans data[bounds[2i], bounds[2i+1])
    private final int count;

    LineBatch(byte[] data, int[] bounds, int count) {
        this.data = data;
        this.bounds = bounds;
        this.count = count;
    }

    /** Text lines (devlaunch's own messages, tests). */
    public static LineBatch of(List<String> lines) {
        ByteSink sink = new ByteSink(64);
        int[] bounds = new int[lines.size() * 2];
        for (int i = 0; i < lines.size(); i++) {
            bounds[2 * i] = sink.size();
            sink.append(lines.get(i).getBytes(StandardCharsets.UTF_8));
            bounds[2 * i + 1] = sink.size();
        }
        return new LineBatch(sink.toArray(), bounds, lines.size());
    }

    public int size() {
        return count;
    }

    /** The memory its lines hold, roughly: what a backlog of batches is bounded by. */
    public long byteSize() {
        return data.length + 4L * bounds.length;
    }

    /** Bytes of line {@code i}, as the child wrote them. */
    public int length(int i) {
        return bounds[2 * i + 1] - bounds[2 * i];
    }

    /** Copies line {@code i}'s bytes into {@code dst} at {@code at} (room checked by the caller); returns the end. */
    public int copyLine(int i, byte[] dst, int at) {
        int len = length(i);
        System.arraycopy(data, bounds[2 * i], dst, at, len);
        return at + len;
    }

    public String line(int i) {
        return new String(data, bounds[2 * i], bounds[2 * i + 1] - bounds[2 * i], StandardCharsets.UTF_8);
    }

    /** The last {@code n} lines as text. */
    public List<String> last(int n) {
        List<String> out = new ArrayList<>(Math.min(n, count));
        for (int i = Math.max(0, count - n); i < count; i++) out.add(line(i));
        return out;
    }

    public List<String> toStrings() {
        return last(count);
    }

    /** Appends line {@code i}'s bytes, without terminal escape codes when {@code strip}. */
    void appendLine(int i, ByteSink sink, boolean strip) {
        int from = bounds[2 * i];
        int to = bounds[2 * i + 1];
        if (strip) {
            for (int k = from; k < to; k++) {
                if (data[k] == 0x1b) {
                    sink.append(EscapeCodes.strip(line(i)).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
        sink.append(data, from, to - from);
    }

    boolean hasEscape(int i) {
        for (int k = bounds[2 * i]; k < bounds[2 * i + 1]; k++) if (data[k] == 0x1b) return true;
        return false;
    }

    boolean isEmptyLine(int i) {
        return bounds[2 * i] == bounds[2 * i + 1];
    }
}
