package io.devlaunch.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Waiting for a proxy's exchanges in flight to finish, so the instance behind them can be stopped
 * without cutting an answer off — and for nothing else. An HTTP/1.x connection between exchanges (a
 * browser's, Node's keep-alive agent's) is parked at once, or as soon as its answer has passed: its
 * next request goes to the next instance ({@link Connection#park}). A WebSocket gets close code 1012
 * between two frames. A connect under way to the old instance is held again. Plain bytes that
 * framing cannot follow keep the old rule: closed once quiet a moment with the service having
 * spoken last (a client that spoke last waits for an answer). Loop thread only.
 */
final class Drain {
    private static final long IDLE_NANOS = 200_000_000L;

    private final ProxyLoop loop;
    private final List<CompletableFuture<Void>> waiters = new ArrayList<>();

    Drain(ProxyLoop loop) {
        this.loop = loop;
    }

    void await(CompletableFuture<Void> f, Set<Connection> active, PortConnections proxy) {
        if (active.isEmpty()) {
            f.complete(null);
            return;
        }
        waiters.add(f);
        sweep(active, proxy);
    }

    /** Somebody waits for the drain: connections are parked as they reach a boundary. */
    boolean waiting() {
        return !waiters.isEmpty();
    }

    /** While someone waits: move or close what need not be waited for, and look again shortly. */
    private void sweep(Set<Connection> active, PortConnections proxy) {
        if (waiters.isEmpty()) return;
        long since = System.nanoTime() - IDLE_NANOS;
        for (Connection c : List.copyOf(active)) {
            Splice s = c.spliced();
            if (c.state() == Connection.State.CONNECTING) c.abandonConnect();
            else if (s == null) continue;
            else if (s.movable()) proxy.park(c);
            else if (s.webSocketBetweenFrames()) proxy.restartWebSocket(c);
            else if (s.opaque() && s.idleSince(since)) c.close();
        }
        if (!waiters.isEmpty()) loop.timers().schedule(System.nanoTime() + IDLE_NANOS / 4, () -> sweep(active, proxy));
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
