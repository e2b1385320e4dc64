package io.devlaunch.lines;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Bytes of one output stream → {@link LineBatch}es of whole lines. Always drains the buffer it is
 * given (NuProcess kills its pump thread if a handler leaves bytes behind). Partial reads are
 * joined; {@code \n}, {@code \r\n} and a lone {@code \r} (progress bars) end a line; a line longer
 * than {@link #MAX_LINE} bytes is emitted in pieces so one runaway line cannot exhaust memory.
 * Splitting bytes never cuts a UTF-8 character, since 0x0A/0x0D never occur inside one.
 * Not thread-safe: one splitter per stream, fed by one thread.
 */
public final class LineSplitter {
    public static final int MAX_LINE = 16 * 1024;
    private static final byte[] NONE = new byte[0];

    private final Consumer<LineBatch> sink;
    private byte[] pending = NONE;     // the start of a line whose end has not arrived
    private boolean lastWasCr;
    private boolean pendingEscape;     // the pending bytes hold an ESC

    /** @param sink receives the lines completed by each {@link #feed} call, in order, as one batch */
    public LineSplitter(Consumer<LineBatch> sink) {
        this.sink = sink;
    }

    /** Consumes every remaining byte of {@code buf}; at end of stream flushes the last partial line. */
    public void feed(ByteBuffer buf, boolean endOfStream) {
        int n = buf.remaining();
        byte[] data = Arrays.copyOf(pending, pending.length + n);
        buf.get(data, pending.length, n);         // one bulk copy out of NuProcess's direct buffer
        int[] bounds = new int[16];
        int count = 0;
        int start = 0;
        int i = pending.length;
        if (lastWasCr && n > 0 && data[i] == '\n' && pending.length == 0) start = ++i;    // the \n of a split \r\n
        if (n > 0) lastWasCr = false;
        int lastEscape = pendingEscape ? 0 : -1;     // where an ESC was seen last (the pending part counts as at 0)
        for (; i < data.length; i++) {
            byte b = data[i];
            boolean lineBreak = false;
            if ((b & 0xE0) == 0) {            // a C0 control: most bytes skip both tests below
                if (b == '\n' || b == '\r') lineBreak = true;
                else if (b == 0x1b) lastEscape = i;
            }
            if (lineBreak || (i - start >= MAX_LINE && (b & 0xC0) != 0x80)) {   // never cut inside a UTF-8 character
                if (2 * count + 2 > bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
                bounds[2 * count] = start;
                bounds[2 * count + 1] = i;
                count++;
                if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') i++;
                else if (b == '\r' && i + 1 == data.length) lastWasCr = true;
                start = (b == '\n' || b == '\r') ? i + 1 : i;
                if (!lineBreak) i--;       // a cut, not a break: this byte starts the next piece
            }
        }
        if (endOfStream && start < data.length) {
            if (2 * count + 2 > bounds.length) bounds = Arrays.copyOf(bounds, bounds.length * 2);
            bounds[2 * count] = start;
            bounds[2 * count + 1] = data.length;
            count++;
            start = data.length;
        }
        pending = start < data.length ? Arrays.copyOfRange(data, start, data.length) : NONE;
        // The batch may hold an escape code only if one was seen (at worst in the pending part): then it looks again,
        // exactly.
        boolean batchMayEscape = lastEscape >= 0;
        pendingEscape = lastEscape >= start && start < data.length;
        if (count > 0) sink.accept(new LineBatch(data, bounds, count, batchMayEscape));
    }
}
