package io.devlaunch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that is reused between writes (unlike ByteArrayOutputStream, unsynchronized). */
final class ByteSink {
    private byte[] buf;
    private int size;

    ByteSink(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    void append(byte b) {
        if (size == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        buf[size++] = b;
    }

    void append(byte[] b) {
        append(b, 0, b.length);
    }

    void append(byte[] b, int off, int len) {
        if (size + len > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + len));
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Room for {@code n} more bytes: the array to write them into from {@link #size()} on, then {@link #advance}. */
    byte[] room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        return buf;
    }

    /** The bytes written into {@link #room}'s array up to {@code end} are now part of it. */
    void advance(int end) {
        size = end;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    void clear() {
        size = 0;
        if (buf.length > (1 << 20)) buf = new byte[64 * 1024];     // don't hold a burst's buffer forever
    }
}
