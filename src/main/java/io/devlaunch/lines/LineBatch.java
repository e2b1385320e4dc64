package io.devlaunch.lines;

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
    // Whether any line holds an ESC: -1 until first asked. Set by whichever reader asks first (pump,
    // console, …); they all compute the same value, so the unsynchronized write is harmless.
    private int escapes = -1;

    LineBatch(byte[] data, int[] bounds, int count) {
        this(data, bounds, count, true);
    }

    /** @param mayEscape false when the maker saw every byte and no ESC among them ({@link #anyEscape} is then known) */
    LineBatch(byte[] data, int[] bounds, int count, boolean mayEscape) {
        this.data = data;
        this.bounds = bounds;
        this.count = count;
        if (!mayEscape) escapes = 0;
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

    /** Whether any of its lines holds a terminal escape code: one pass over the batch, not one per line and reader. */
    public boolean anyEscape() {
        int e = escapes;
        if (e < 0) {
            e = 0;
            int to = count == 0 ? 0 : bounds[2 * count - 1];
            for (int k = count == 0 ? 0 : bounds[0]; k < to; k++) {
                if (data[k] == 0x1b) {
                    e = 1;
                    break;
                }
            }
            escapes = e;
        }
        return e == 1;
    }

    /**
     * For every line: {@code head}, a space when {@code space} and the line is not empty, its bytes
     * as they are, a newline — with one room check for the batch. The log file's and the console's
     * loop for a batch without escape codes ({@link #anyEscape}), where nothing needs stripping.
     */
    public void appendEach(ByteSink sink, byte[] head, boolean space) {
        int bytes = count == 0 ? 0 : bounds[2 * count - 1] - bounds[0];     // the lines and what lies between them
        byte[] dst = sink.room(bytes + count * (head.length + 2));
        int at = sink.size();
        for (int i = 0; i < count; i++) {
            System.arraycopy(head, 0, dst, at, head.length);
            at += head.length;
            int from = bounds[2 * i];
            int len = bounds[2 * i + 1] - from;
            if (space && len > 0) dst[at++] = ' ';
            System.arraycopy(data, from, dst, at, len);
            at += len;
            dst[at++] = '\n';
        }
        sink.advance(at);
    }

    /** Appends line {@code i}'s bytes, without terminal escape codes when {@code strip}. */
    public void appendLine(int i, ByteSink sink, boolean strip) {
        int from = bounds[2 * i];
        int to = bounds[2 * i + 1];
        if (strip && anyEscape()) {
            for (int k = from; k < to; k++) {
                if (data[k] == 0x1b) {
                    sink.append(EscapeCodes.strip(line(i)).getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
        }
        sink.append(data, from, to - from);
    }

    public boolean hasEscape(int i) {
        if (!anyEscape()) return false;
        for (int k = bounds[2 * i]; k < bounds[2 * i + 1]; k++) if (data[k] == 0x1b) return true;
        return false;
    }

    public boolean isEmptyLine(int i) {
        return bounds[2 * i] == bounds[2 * i + 1];
    }
}
