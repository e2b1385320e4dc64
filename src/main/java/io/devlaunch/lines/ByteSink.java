package io.devlaunch.lines;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that is reused between writes (unlike ByteArrayOutputStream, unsynchronized). */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    public int size() {
        return size;
    }

    public void append(byte b) {
        if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[size++] = b;
    }

    public void append(byte[] b) {
        append(b, 0, b.length);
    }

    public void append(byte[] b, int off, int len) {
        if (size + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Room for {@code n} more bytes: the array to write them into from {@link #size()} on, then {@link #advance}. */
    public byte[] room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        return buf;
    }

    /** The bytes written into {@link #room}'s array up to {@code end} are now part of it. */
    public void advance(int end) {
        size = end;
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    public void clear() {
        size = 0;
        if (buf.length > (1 << 20)) buf = new byte[64 * 1024];     // don't hold a burst's buffer forever
    }
}
