package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * What a held client sent before it could be forwarded: its first bytes, up to
 * {@link Refusal#HEAD_LIMIT}, read so that a client that goes away is seen at once (and its
 * descriptor freed) instead of when the service is back; forwarded first at the splice, or sniffed
 * by a refusal. Beyond the limit nothing more is read: the rest waits in the kernel, as before.
 * Loop thread only.
 */
final class HeldBytes {
    private byte[] bytes;

    /**
     * One read from {@code client} through the loop's {@code scratch}; false at its end of input (as
     * nginx reads it: the client closed the request).
     */
    boolean read(SocketChannel client, ByteBuffer scratch) throws IOException {
        int kept = bytes == null ? 0 : bytes.length;
        scratch.clear().limit(Refusal.HEAD_LIMIT - kept);
        int n = client.read(scratch);
        if (n < 0) return false;
        if (n > 0) {
            bytes = bytes == null ? new byte[n] : Arrays.copyOf(bytes, kept + n);
            scratch.flip().get(bytes, kept, n);
        }
        return true;
    }

    /** As much as is kept: stop reading (back-pressure). */
    boolean full() {
        return bytes != null && bytes.length >= Refusal.HEAD_LIMIT;
    }

    /** What was kept (null if nothing), now no longer kept here. */
    byte[] take() {
        byte[] b = bytes;
        bytes = null;
        return b;
    }
}
