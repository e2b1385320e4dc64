package io.devlaunch.proxy;

import java.nio.ByteBuffer;

/**
 * Where the server's WebSocket frames begin and end (RFC 6455 §5.2), so that a restart can put its
 * own close frame between two of them rather than into the middle of one. Payloads are skipped by
 * their length, never read. Loop thread only.
 */
final class WebSocketFrames {
    /** A close frame from the server (unmasked), code 1012 "Service Restart" (RFC 6455 §7.4, IANA registry). */
    static final byte[] CLOSE_SERVICE_RESTART = {(byte) 0x88, 0x02, 0x03, (byte) 0xF4};

    private final byte[] header = new byte[14];
    private int headerLen;
    private long payloadLeft;

    /** Nothing of a next frame has passed. */
    boolean atBoundary() {
        return headerLen == 0 && payloadLeft == 0;
    }

    void scan(ByteBuffer b, int from, int to) {
        int i = from;
        while (i < to) {
            if (payloadLeft > 0) {
                int k = (int) Math.min(payloadLeft, to - i);
                i += k;
                payloadLeft -= k;
                continue;
            }
            header[headerLen++] = b.get(i++);
            long needed = headerLength();
            if (needed > 0 && headerLen == needed) {
                payloadLeft = payloadLength();
                headerLen = 0;
            }
        }
    }

    /** The whole header's length once enough of it is known, else -1. */
    private long headerLength() {
        if (headerLen < 2) return -1;
        int len7 = header[1] & 0x7F;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + mask + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0);
    }

    private long payloadLength() {
        int len7 = header[1] & 0x7F;
        if (len7 < 126) return len7;
        int bytes = len7 == 126 ? 2 : 8;
        long n = 0;
        for (int i = 0; i < bytes; i++) n = (n << 8) | (header[2 + i] & 0xFF);
        return n & Long.MAX_VALUE;
    }
}
