package io.devlaunch.proxy;

import java.lang.management.ManagementFactory;

/**
 * How many connections one public port may hold (1 descriptor and ~2 KiB of heap each) and forward
 * (2 descriptors, ~4 KiB of heap, and a buffer only while bytes wait) at once. Past the forward cap
 * a new connection is held until a forwarded one ends; past the hold cap it is refused (HTTP: 503).
 * The defaults leave the supervisor room for its children's pipes and logs whatever clients do.
 */
record Caps(int held, int forwarded, int buffers) {
    /** Descriptors kept for the supervisor itself: pipes, log files, the dashboard. */
    private static final long RESERVED_DESCRIPTORS = 256;

    Caps {
        if (held < 1 || forwarded < 1 || buffers < 1) throw new IllegalArgumentException("caps must be positive: " + held + ", " + forwarded + ", " + buffers);
    }

    /** A quarter of the descriptors for held, an eighth for forwarded connections; a quarter of the heap for each kind. */
    static Caps defaults() {
        long fds = Math.max(0, maxDescriptors() - RESERVED_DESCRIPTORS);
        long heapQuarter = Runtime.getRuntime().maxMemory() / 4;
        int held = clamp(Math.min(fds / 4, heapQuarter / 2048));
        int forwarded = clamp(Math.min(fds / 8, heapQuarter / 4096));
        return new Caps(held, forwarded, BufferPool.defaultBudget());
    }

    private static int clamp(long n) {
        return (int) Math.max(16, Math.min(100_000, n));
    }

    private static long maxDescriptors() {
        // The JVM raises its soft limit to the hard one at start (Linux, macOS): this is what we have.
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            return u.getMaxFileDescriptorCount();
        }
        return 8192;   // Windows has no such per-process limit worth the name
    }
}
