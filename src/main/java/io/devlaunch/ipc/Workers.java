package io.devlaunch.ipc;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads whole requests run on, apart from the channel's I/O thread. */
final class Workers {
    private Workers() {}

    /**
     * Up to {@code limits.workers()} daemon threads, made on demand and ended after 30 s idle, so an
     * idle supervisor keeps none; a burst beyond that waits its turn (each connection has at most
     * one request, so the queue is bounded by the connection limit).
     */
    static ThreadPoolExecutor create(Limits limits) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(limits.maxConnections() + 1), r -> {
                    Thread t = new Thread(r, "devlaunch-control-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
