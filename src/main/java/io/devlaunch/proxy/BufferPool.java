package io.devlaunch.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Direct buffers for spliced connections, reused. Direct, so a read and a write each cost one copy
 * in the kernel and none in the JVM; pooled, because allocating one zeroes it and leaves its freeing
 * to the GC, too slow for clients that open a connection per request.
 *
 * <p>A flow holds a buffer only while bytes wait in it (from a read until the sink took them all),
 * so memory follows the bytes actually moving, not the connections open: 1,000 held connections or
 * 1,000 slow requests waiting for their answer cost sockets, not 128 MB. And never more than
 * {@link #budget} buffers are out at once: past it, a flow that wants to read waits for the next
 * buffer given back (its source is simply not read meanwhile: back-pressure, not an error). The
 * supervisor runs with -Xmx64m, which also caps direct memory; without the budget ~500 busy
 * connections killed the proxy thread with "Cannot reserve 65536 bytes of direct buffer memory".
 * Loop thread only.
 */
final class BufferPool {
    /** Per direction of a spliced connection: the bound on what the proxy buffers for it. */
    static final int BUFFER_SIZE = 64 * 1024;
    // Enough for a busy dev stack; beyond it buffers go back to the GC rather than pin memory.
    private static final int MAX_POOLED = 64;

    private final int budget;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private final ArrayDeque<Consumer<ByteBuffer>> waiters = new ArrayDeque<>();
    private int out;   // taken and not given back

    BufferPool(int budget) {
        if (budget < 1) throw new IllegalArgumentException("buffer budget must be at least 1: " + budget);
        this.budget = budget;
    }

    /** A quarter of the heap limit (which is also the JVM's default direct memory limit), at least 16 buffers. */
    static int defaultBudget() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return (int) Math.max(16, Math.min(4096, quarter / BUFFER_SIZE));
    }

    /**
     * A cleared buffer, or null when the budget is spent (or direct memory ran out anyway, with
     * others out that will come back): then {@code whenFree} gets the next buffer given back.
     *
     * @throws OutOfMemoryError when direct memory is exhausted and none of ours could come back
     */
    ByteBuffer take(Consumer<ByteBuffer> whenFree) {
        ByteBuffer b = free.poll();
        if (b == null && out < budget) {
            try {
                b = ByteBuffer.allocateDirect(BUFFER_SIZE);
            } catch (OutOfMemoryError e) {
                if (out == 0) throw e;   // nothing of ours to wait for: the caller's connection fails
            }
        }
        if (b == null) {
            waiters.add(whenFree);
            return null;
        }
        out++;
        return b;
    }

    /** Takes back a buffer; the first flow waiting for one gets it at once. */
    void give(ByteBuffer b) {
        b.clear();
        Consumer<ByteBuffer> next = waiters.poll();
        if (next != null) {
            next.accept(b);   // stays out: now that flow's
            return;
        }
        out--;
        if (free.size() < MAX_POOLED) free.push(b);
    }

    /** A flow closed while waiting: it no longer wants a buffer. */
    void cancel(Consumer<ByteBuffer> whenFree) {
        waiters.remove(whenFree);
    }

    int out() {
        return out;
    }

    int budget() {
        return budget;
    }
}
