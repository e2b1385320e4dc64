package io.devlaunch.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers for spliced connections, reused. Direct, so a read and a write each cost one copy
 * in the kernel and none in the JVM; pooled, because allocating one zeroes it and leaves its freeing
 * to the GC, too slow for clients that open a connection per request. Held connections take none:
 * 1,000 of them cost sockets, not 128 MB of buffers. Loop thread only.
 */
final class BufferPool {
    /** Per direction of a spliced connection: the bound on what the proxy buffers for it. */
    static final int BUFFER_SIZE = 64 * 1024;
    // Enough for a busy dev stack; beyond it buffers go back to the GC rather than pin memory.
    private static final int MAX_POOLED = 64;

    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    ByteBuffer take() {
        ByteBuffer b = free.poll();
        return b != null ? b : ByteBuffer.allocateDirect(BUFFER_SIZE);
    }

    void give(ByteBuffer b) {
        b.clear();
        if (free.size() < MAX_POOLED) free.push(b);
    }
}
