package io.devlaunch.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Waiting for a proxy's connections in flight to finish, so the instance behind them can be
 * stopped without cutting an answer off. A connection idle between requests (a browser's or a dev
 * server's keep-alive) is closed rather than waited for — HTTP lets a server close an idle
 * keep-alive, and clients open a new one — or every restart would last the whole drain limit.
 * Loop thread only.
 */
final class Drain {
    private static final long IDLE_NANOS = 200_000_000L;

    private final ProxyLoop loop;
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    Drain(ProxyLoop loop) {
        this.loop = loop;
    }

    void await(CompletableFuture<Void> f, Set<Connection> active) {
        if (active.isEmpty()) {
            f.complete(null);
            return;
        }
        waiters.add(f);
        closeIdle(active);
    }

    /** While someone waits: close connections quiet for a moment, and look again shortly. */
    private void closeIdle(Set<Connection> active) {
        if (waiters.isEmpty()) return;
        long since = System.nanoTime() - IDLE_NANOS;
        for (Connection c : List.copyOf(active)) if (c.idleSince(since)) c.close();
        if (!waiters.isEmpty()) loop.timers().schedule(System.nanoTime() + IDLE_NANOS / 4, () -> closeIdle(active));
    }

    /** After any change: nothing in flight any more ends the wait. */
    void check(boolean nothingInFlight) {
        if (nothingInFlight && !waiters.isEmpty()) completeAll();
    }

    void completeAll() {
        List<CompletableFuture<Void>> done = List.copyOf(waiters);
        waiters.clear();
        done.forEach(w -> w.complete(null));
    }
}
