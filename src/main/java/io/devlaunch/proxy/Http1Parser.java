package io.devlaunch.proxy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where each HTTP/1.x message ends, in one direction of a proxied connection, read from the bytes
 * as they pass (RFC 9112 §6): start line and headers, then a body framed by Content-Length, by
 * chunks (with trailers), by nothing (HEAD, 1xx, 204, 304) or by the connection's end. Only head
 * lines are looked at byte by byte; a body is skipped by its length, never copied. Anything that is
 * not HTTP/1.x (or an over-long head) makes the direction {@code opaque}: plain bytes from then on,
 * as a proxy that knows no HTTP would pass them. The decisions that need both directions (which
 * request an answer belongs to, upgrades) are {@link HttpFraming}'s. Loop thread only.
 */
final class Http1Parser {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEAD = 64 * 1024;

    private enum State { START, LINE, HEADER, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILER, UNTIL_CLOSE, OPAQUE }

    /** Where bytes are read line by line; in every other state they are skipped or passed as they are. */
    private static final Set<State> LINE_STATES =
            EnumSet.of(State.START, State.LINE, State.HEADER, State.CHUNK_SIZE, State.CHUNK_END, State.TRAILER);

    /** What a message's head said, handed to {@link HttpFraming} once the head is complete. */
    static final class Head {
        String method;              // a request's; null for a response
        int status;                 // a response's
        boolean http10;
        boolean close;              // Connection: close
        boolean keepAlive;          // Connection: keep-alive (matters for HTTP/1.0)
        String upgrade;             // the Upgrade header's value, or null
        long contentLength = -1;
        boolean chunked;

        void reset() {
            method = null;
            status = 0;
            http10 = close = keepAlive = chunked = false;
            upgrade = null;
            contentLength = -1;
        }
    }

    /** How the body after a head is framed, as decided by {@link HttpFraming}. */
    enum Body { NONE, BY_HEADERS, UNTIL_CLOSE, OPAQUE, INTERIM }

    interface Sink {
        /** A head is complete: how is its body framed? */
        Body head(Head head);

        /** A whole message (head and body) has passed. */
        void message();
    }

    private final boolean request;
    private final Sink sink;
    private final byte[] scratch;     // the proxy thread's, shared by every parser on it
    private final Head head = new Head();
    private State state = State.START;
    private byte[] line = new byte[128];
    private int lineLen;
    private int headLen;
    private long remaining;

    Http1Parser(boolean request, Sink sink, byte[] scratch) {
        this.request = request;
        this.sink = sink;
        this.scratch = scratch;
    }

    /** At a message boundary: nothing of a next message has passed yet. */
    boolean atStart() {
        return state == State.START;
    }

    boolean opaque() {
        return state == State.OPAQUE;
    }

    /** From now on plain bytes (an upgrade, or a protocol that is not HTTP/1.x). */
    void becomeOpaque() {
        state = State.OPAQUE;
        line = null;
    }

    /** Reads the bytes at {@code [from, to)} of {@code b} (absolute positions; the buffer is not moved). */
    void scan(ByteBuffer b, int from, int to) {
        int i = from;
        while (i < to) {
            switch (state) {
                case OPAQUE, UNTIL_CLOSE -> { return; }
                case BODY, CHUNK_DATA -> {
                    int k = (int) Math.min(remaining, to - i);
                    i += k;
                    remaining -= k;
                    if (remaining == 0) {
                        if (state == State.BODY) messageEnd();
                        else state = State.CHUNK_END;
                    }
                }
                default -> {
                    // Head bytes are read from a heap copy: one bulk get, then array reads, which the
                    // supervisor's C1-compiled code does several times faster than ByteBuffer.get(i).
                    int n = Math.min(to - i, scratch.length);
                    b.get(i, scratch, 0, n);
                    i += lines(scratch, n);
                }
            }
        }
    }

    /** Head bytes from {@code a[0, n)} until a body (or plain bytes) begins; how many were taken. */
    private int lines(byte[] a, int n) {
        int i = 0;
        while (i < n) {
            if (!LINE_STATES.contains(state)) return i;
            byte c = a[i++];
            if (state == State.START) {
                if (c == '\r' || c == '\n') continue;   // RFC 9112 §2.2: empty lines before a request
                state = State.LINE;
                headLen = 0;
                head.reset();
            }
            if (c == '\n') lineEnded();
            else append(c);
        }
        return i;
    }

    private void append(byte c) {
        if (lineLen == MAX_LINE || ++headLen > MAX_HEAD || (state == State.LINE && !HeadFields.startLineMayGoOn(request, line, lineLen, c))) {
            becomeOpaque();   // not HTTP/1.x, or not a head a server would take: plain bytes from here
            return;
        }
        if (lineLen == line.length) line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
        line[lineLen++] = c;
    }

    private void lineEnded() {
        int len = lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
        lineLen = 0;
        switch (state) {
            case LINE -> startLine(len);
            case HEADER -> { if (len == 0) headEnded(); else HeadFields.read(line, len, head); }
            case CHUNK_SIZE -> chunkSize(len);
            case CHUNK_END -> state = State.CHUNK_SIZE;
            case TRAILER -> { if (len == 0) messageEnd(); }
            default -> { }
        }
    }

    private void startLine(int len) {
        boolean ok = request ? HeadFields.requestLine(line, len, head) : HeadFields.statusLine(line, len, head);
        if (ok) state = State.HEADER;
        else becomeOpaque();
    }

    private void headEnded() {
        switch (sink.head(head)) {
            case NONE -> messageEnd();
            case INTERIM -> state = State.START;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
            case OPAQUE -> becomeOpaque();
            case BY_HEADERS -> {
                if (head.chunked) {
                    state = State.CHUNK_SIZE;
                } else if (head.contentLength > 0) {
                    remaining = head.contentLength;
                    state = State.BODY;
                } else {
                    messageEnd();
                }
            }
        }
    }

    private void chunkSize(int len) {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < len; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) break;   // ';' starts chunk extensions
            if (++digits > 15) { becomeOpaque(); return; }
            size = size * 16 + d;
        }
        if (digits == 0) {
            becomeOpaque();
        } else if (size == 0) {
            state = State.TRAILER;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void messageEnd() {
        state = State.START;
        if (line != null && line.length > 4096) line = new byte[128];   // one huge head does not pin 16 KiB
        sink.message();
    }
}
