package io.devlaunch.logs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bytes of one output stream → whole lines. Always drains the buffer it is given (NuProcess kills
 * its pump thread if a handler leaves bytes behind). Partial reads are joined; {@code \n},
 * {@code \r\n} and a lone {@code \r} (progress bars) end a line; a line longer than
 * {@link #MAX_LINE} bytes is emitted in pieces so one runaway line cannot exhaust memory.
 * Decoding only whole lines never splits a UTF-8 character, since 0x0A/0x0D never occur inside one.
 * Not thread-safe: one splitter per stream, fed by one thread.
 */
public final class LineSplitter {
    public static final int MAX_LINE = 16 * 1024;

    private final Consumer<List<String>> sink;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean lastWasCr;

    /** @param sink receives the lines completed by each {@link #feed} call, in order, as one batch */
    public LineSplitter(Consumer<List<String>> sink) {
        this.sink = sink;
    }

    /** Consumes every remaining byte of {@code buf}; at end of stream flushes the last partial line. */
    public void feed(ByteBuffer buf, boolean endOfStream) {
        List<String> lines = new ArrayList<>();
        while (buf.hasRemaining()) {
            byte b = buf.get();
            if (b == '\n') {
                if (!lastWasCr) lines.add(take());      // the \n of \r\n was already a break
                lastWasCr = false;
            } else if (b == '\r') {
                lines.add(take());
                lastWasCr = true;
            } else {
                lastWasCr = false;
                append(b);
                if (pendingLength >= MAX_LINE) lines.add(take());
            }
        }
        if (endOfStream && pendingLength > 0) lines.add(take());
        if (!lines.isEmpty()) sink.accept(lines);
    }

    private void append(byte b) {
        if (pendingLength == pending.length) pending = java.util.Arrays.copyOf(pending, Math.min(MAX_LINE, pending.length * 2));
        pending[pendingLength++] = b;
    }

    private String take() {
        String line = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        if (pending.length > 4096) pending = new byte[256];     // don't keep a long line's buffer forever
        return line;
    }
}
