package io.devlaunch.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's request threads: none while nobody looks, one per request in flight and one per
 * open event stream (which holds its thread), idle ones gone after {@link #IDLE_SECONDS}. The
 * supervisor's thread count stays flat when no page is open. Past the cap a request runs on the
 * server's dispatcher thread, where an event stream is refused (503) rather than held.
 */
final class WebThreads {
    static final int MAX = EventHub.MAX_STREAMS + 8;
    static final int IDLE_SECONDS = 20;
    private static final String PREFIX = "devlaunch-web-";

    private WebThreads() {}

    static ExecutorService executor() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, MAX, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, PREFIX + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    static boolean isWorker() {
        return Thread.currentThread().getName().startsWith(PREFIX);
    }
}
