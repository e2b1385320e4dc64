package io.devlaunch.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One service's public ports, held for the whole run. Its owner says where to forward
 * ({@link #forwardTo}) or why not ({@link #hold}, {@link #refuse}); this class knows nothing of why.
 *
 * <p>Every public method is thread-safe and returns at once: the change is queued for the proxy
 * thread and takes effect there, in call order, on the port's {@link PortConnections}. The futures
 * complete on the proxy thread; hand their results on rather than doing slow work in a callback.
 */
public final class PortProxy implements AutoCloseable {
    /** The hold limit until the first {@link #hold}; also bounds retrying a refused connect. */
    public static final Duration DEFAULT_HOLD_LIMIT = Duration.ofSeconds(60);

    private final ProxyLoop loop;
    private final String service;
    private final Set<Integer> publicPorts;
    private final List<Listener> listeners;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final PortConnections connections;

    PortProxy(ProxyLoop loop, String service, Collection<Integer> publicPorts, List<Listener> listeners, Caps caps) {
        this.loop = loop;
        this.service = service;
        this.publicPorts = Set.copyOf(publicPorts);
        this.listeners = listeners;
        this.connections = new PortConnections(loop, service, publicPorts, caps);
    }

    public String service() {
        return service;
    }

    /** Every address bound: 127.0.0.1:port for each port, [::1]:port where the machine has it. */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    /**
     * Healthy: connect every new and every held connection to the loopback:{@code ports.get(public)}
     * and splice. Ends a stats period: the future gets the period's {@link HoldStats}.
     *
     * @throws IllegalArgumentException unless the keys are exactly this proxy's public ports
     */
    public CompletableFuture<HoldStats> forwardTo(Map<Integer, Integer> ports) {
        Mode.Forward forward = new Mode.Forward(ports);
        if (!forward.ports().keySet().equals(publicPorts)) {
            throw new IllegalArgumentException("forwardTo needs exactly the ports " + publicPorts + ", got " + forward.ports().keySet());
        }
        return onLoop(result -> result.complete(connections.forward(forward)));
    }

    /** A future completed by {@code work} on the proxy thread. */
    private <T> CompletableFuture<T> onLoop(Consumer<CompletableFuture<T>> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> work.accept(f));
        return f;
    }

    /** Starting, restarting, in back-off: hold new connections, at most {@code limit} each. */
    public void hold(Duration limit) {
        hold("starting", limit);
    }

    /** Like {@link #hold(Duration)}; {@code state} is what a 503 says once the limit runs out. */
    public void hold(String state, Duration limit) {
        if (limit.isNegative() || limit.isZero()) throw new IllegalArgumentException("hold limit must be positive: " + limit);
        Mode.Hold h = new Mode.Hold(state, limit);
        loop.execute(() -> connections.hold(h));
    }

    /** Failed, exited, stopped: answer new and held connections (HTTP: a 503 with the reason). */
    public void refuse(String state, String reason) {
        Mode.Refuse r = new Mode.Refuse(state, reason);
        loop.execute(() -> connections.refuse(r));
    }

    /**
     * The instance is gone: connections to it between HTTP exchanges are parked for the next one,
     * the others (an exchange cut off, plain bytes, a connect under way) are closed.
     */
    public void closeEstablished() {
        loop.execute(connections::closeEstablished);
    }

    /**
     * Where to say that a cap was reached (once, until the load falls well below it again). Called
     * on the proxy thread: hand the line on.
     */
    public void onNotice(Consumer<String> sink) {
        connections.onNotice(sink);
    }

    /** Connections connecting to or spliced with the service now. */
    public int inFlight() {
        return connections.inFlight();
    }

    /**
     * Completes when no exchange is in flight (at once if none is): drain, then stop. Kept-alive
     * connections between exchanges are parked for the next instance, not waited for ({@link Drain}).
     */
    public CompletableFuture<Void> drained() {
        return onLoop(connections::drain);
    }

    /** The current stats period so far (waits of connections still held count up to now). */
    public CompletableFuture<HoldStats> stats() {
        return onLoop(f -> f.complete(connections.snapshot()));
    }

    /** Unbinds the ports and closes every connection. */
    @Override
    public void close() {
        loop.execute(this::closeNow);
    }

    /** Completes once the ports are unbound: after {@link #close}, or should the proxy thread stop. */
    public CompletableFuture<Void> closed() {
        return closedFuture;
    }

    /** Connections held now (for tests: waiting until a client is held, without a sleep). */
    int heldCount() {
        return connections.heldCount();
    }

    // ------------------------------------------------------------------ loop thread

    void register() {
        try {
            for (Listener l : listeners) l.register(loop, connections::accepted);
        } catch (IOException e) {
            closeNow();   // only if the loop closed its selector meanwhile
        }
    }

    void closeNow() {
        if (connections.isClosed()) return;
        listeners.forEach(Listener::closeQuietly);
        connections.closeAll();
        loop.forget(this);
        closedFuture.complete(null);
    }
}
