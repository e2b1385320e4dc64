package io.devlaunch.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer reused across writes (a stream's frames, a ring's copy-out), plus UTF-8
 * encoding straight from chars: the hot paths then allocate nothing per line.
 */
final class Bytes {
    private static final boolean[] VERBATIM = new boolean[256];      // bytes JSON quoting leaves as they are

    static {
        for (int b = 0x20; b <= 0x7e; b++) VERBATIM[b] = b != '"' && b != '\\' && b != '<' && b != '>' && b != '&';
    }

    private byte[] data;
    private int size;

    Bytes(int capacity) {
        data = new byte[capacity];
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    private void room(int n) {
        if (size + n > data.length) data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
    }

    Bytes append(byte[] src, int from, int len) {
        room(len);
        System.arraycopy(src, from, data, size, len);
        size += len;
        return this;
    }

    /** ASCII-only text (frame keywords). */
    Bytes ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) data[size++] = (byte) s.charAt(i);
        return this;
    }

    Bytes number(long v) {
        room(20);
        size = writeLong(v, data, size);
        return this;
    }

    Bytes utf8(CharSequence s) {
        int n = utf8Length(s, 0, s.length());
        room(n);
        size = encode(s, 0, s.length(), data, size);
        return this;
    }

    /** Drops everything after the first {@code size} bytes. */
    void truncate(int size) {
        this.size = size;
    }

    /** The buffer itself, valid until the next append: for copying its bytes out, not for keeping. */
    byte[] array() {
        return data;
    }

    /**
     * Appends line {@code i} of {@code lines} as it stands when its bytes need no JSON escaping —
     * printable ASCII other than {@code " \ < > &} ({@link io.devlaunch.json.Json#quote}'s
     * set), which decode, quote and encode to themselves — and returns true; else appends nothing.
     */
    boolean appendJsonVerbatim(io.devlaunch.lines.LineBatch lines, int i) {
        int len = lines.length(i);
        room(len);
        int end = lines.copyLine(i, data, size);
        for (int k = size; k < end; k++) if (!VERBATIM[data[k] & 0xff]) return false;
        size = end;
        return true;
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(data, 0, size);
    }

    byte[] toArray() {
        return Arrays.copyOf(data, size);
    }

    /** Digits of a non-negative number at {@code at}; returns the end. */
    static int writeLong(long v, byte[] dst, int at) {
        int digits = digits(v);
        for (int i = at + digits - 1; i >= at; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    static int digits(long v) {
        int d = 1;
        while (v >= 10) {
            v /= 10;
            d++;
        }
        return d;
    }

    /** Encoded length of {@code s[from, to)}; a lone surrogate counts as '?'. */
    static int utf8Length(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) n++;
            else n += 3;
        }
        return n;
    }

    /** Encodes {@code s[from, to)} at {@code at} (room checked by the caller); returns the end. */
    static int encode(CharSequence s, int from, int to, byte[] dst, int at) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[at++] = (byte) c;
            } else if (c < 0x800) {
                dst[at++] = (byte) (0xc0 | c >> 6);
                dst[at++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[at++] = (byte) (0xf0 | cp >> 18);
                dst[at++] = (byte) (0x80 | cp >> 12 & 0x3f);
                dst[at++] = (byte) (0x80 | cp >> 6 & 0x3f);
                dst[at++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                dst[at++] = '?';
            } else {
                dst[at++] = (byte) (0xe0 | c >> 12);
                dst[at++] = (byte) (0x80 | c >> 6 & 0x3f);
                dst[at++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return at;
    }
}
