package io.devlaunch.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * thread and takes effect there in call order. The futures complete on the proxy thread; hand
 * their results on rather than doing slow work in a callback.
 */
public final class PortProxy implements AutoCloseable {
    /** The hold limit until the first {@link #hold}; also bounds retrying a refused connect. */
    public static final Duration DEFAULT_HOLD_LIMIT = Duration.ofSeconds(60);

    private final ProxyLoop loop;
    private final String service;
    private final Set<Integer> publicPorts;
    private final List<Listener> listeners;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private final Caps caps;
    private volatile int inFlight;
    private volatile int heldCount;

    // Loop thread only from here on.
    private Mode mode = new Mode.Hold("starting", DEFAULT_HOLD_LIMIT);
    private Mode.Hold lastHold = (Mode.Hold) mode;     // its limit also bounds connect retries
    private final Set<Connection> held = new LinkedHashSet<>();
    private final Set<Connection> active = new HashSet<>();   // connecting or spliced: in flight
    private final Set<Connection> parked = new HashSet<>();   // kept-alive, between exchanges, no upstream
    private final Set<Refusal> refusing = new HashSet<>();
    private final Drain drain;
    private final HoldPeriod period = new HoldPeriod();
    private boolean closed;
    private final CapNotice capNotice;

    PortProxy(ProxyLoop loop, String service, Collection<Integer> publicPorts, List<Listener> listeners, Caps caps) {
        this.caps = caps;
        this.capNotice = new CapNotice(publicPorts.iterator().next());
        this.loop = loop;
        this.service = service;
        this.publicPorts = Set.copyOf(publicPorts);
        this.listeners = listeners;
        this.drain = new Drain(loop);
    }

    public String service() {
        return service;
    }

    /** Every address bound: 127.0.0.1:port for each port, [::1]:port where the machine has it. */
    public List<InetSocketAddress> addresses() {
        return listeners.stream().map(Listener::address).toList();
    }

    /**
     * Healthy: connect every new and every held connection to 127.0.0.1:{@code ports.get(public)}
     * and splice. Ends a stats period: the future gets the period's {@link HoldStats}.
     *
     * @throws IllegalArgumentException unless the keys are exactly this proxy's public ports
     */
    public CompletableFuture<HoldStats> forwardTo(Map<Integer, Integer> ports) {
        Mode.Forward forward = new Mode.Forward(ports);
        Map<Integer, Integer> to = forward.ports();
        if (!to.keySet().equals(publicPorts)) {
            throw new IllegalArgumentException("forwardTo needs exactly the ports " + publicPorts + ", got " + to.keySet());
        }
        return onLoop(result -> {
            if (closed) { result.complete(HoldStats.NONE); return; }
            mode = forward;
            List<Connection> waiting = List.copyOf(held);
            for (Connection c : waiting) leaveHold(c);
            HoldStats s = snapshot();
            period.next();
            // Past the forward cap the rest stay held, and go as forwarded ones end (admitHeld).
            for (Connection c : waiting) {
                if (active.size() < caps.forwarded()) startConnect(c, to.get(c.publicPort));
                else holdConnection(c, false);
            }
            result.complete(s);
        });
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
        loop.execute(() -> {
            if (closed) return;
            mode = lastHold = h;
            // Those held already keep their accept time and get the new limit from it.
            for (Connection c : List.copyOf(held)) holdConnection(c, false);
        });
    }

    /** Failed, exited, stopped: answer new and held connections (HTTP: a 503 with the reason). */
    public void refuse(String state, String reason) {
        Mode.Refuse r = new Mode.Refuse(state, reason);
        loop.execute(() -> {
            if (closed) return;
            mode = r;
            for (Connection c : List.copyOf(held)) {
                leaveHold(c);
                period.refused();
                refuseConnection(c, r.state(), r.reason());
            }
        });
    }

    /**
     * The instance is gone: connections to it between HTTP exchanges are parked for the next one,
     * the others (an exchange cut off, plain bytes, a connect under way) are closed.
     */
    public void closeEstablished() {
        loop.execute(() -> {
            for (Connection c : List.copyOf(active)) {
                if (c.movable()) park(c);
                else c.close();
            }
        });
    }

    /**
     * Where to say that a cap was reached (once, until the load falls well below it again). Called
     * on the proxy thread: hand the line on.
     */
    public void onNotice(Consumer<String> sink) {
        capNotice.to(sink);
    }

    /** Connections connecting to or spliced with the service now. */
    public int inFlight() {
        return inFlight;
    }

    /**
     * Completes when no exchange is in flight (at once if none is): drain, then stop. Kept-alive
     * connections between exchanges are parked for the next instance, not waited for ({@link Drain}).
     */
    public CompletableFuture<Void> drained() {
        return onLoop(f -> {
            if (closed) f.complete(null);
            else drain.await(f, active, this);
        });
    }

    /** The current stats period so far (waits of connections still held count up to now). */
    public CompletableFuture<HoldStats> stats() {
        return onLoop(f -> f.complete(snapshot()));
    }

    /** Unbinds the ports and closes every connection. */
    @Override
    public void close() {
        loop.execute(this::closeNow);
    }

    public CompletableFuture<Void> closed() {
        return closedFuture;
    }

    /** Connections held now (for tests: waiting until a client is held, without a sleep). */
    int heldCount() {
        return heldCount;
    }

    // ------------------------------------------------------------------ loop thread

    void register() {
        try {
            for (Listener l : listeners) l.register(loop, this::accepted);
        } catch (IOException e) {
            closeNow();   // only if the loop closed its selector meanwhile
        }
    }

    private void accepted(SocketChannel client, int publicPort) {
        if (closed) { Connection.closeQuietly(client); return; }
        admit(new Connection(this, loop, client, publicPort));
    }

    /** A new connection, or a parked one that spoke: forwarded, held or refused as the mode says. */
    private void admit(Connection c) {
        if (mode instanceof Mode.Refuse r) {
            refuseConnection(c, r.state(), r.reason());
        } else if (mode instanceof Mode.Forward f && active.size() < caps.forwarded()) {
            startConnect(c, f.ports().get(c.publicPort));
        } else if (held.size() + parked.size() < caps.held()) {
            if (mode instanceof Mode.Forward) capNotice.reached(caps.forwarded() + " forwarded at once: more wait until one ends");
            holdConnection(c, false);
        } else {
            capNotice.reached(caps.held() + " held at once: more are refused");
            period.refused();
            refuseConnection(c, "busy", "too many connections at once: devlaunch holds at most " + caps.held()
                    + " per port while forwarding " + caps.forwarded() + ", so that clients cannot exhaust its memory or descriptors");
        }
    }

    /** A forwarded connection ended: the first held one (if the cap kept any waiting) goes now. */
    private void admitHeld() {
        if (!(mode instanceof Mode.Forward f) || held.isEmpty() || active.size() >= caps.forwarded()) return;
        Connection next = held.iterator().next();
        leaveHold(next);
        startConnect(next, f.ports().get(next.publicPort));
    }

    private void startConnect(Connection c, int privatePort) {
        active.add(c);
        publish();
        c.connect(privatePort);   // may call back connectRefused or closed before it returns
    }

    /** The private port refused: the instance died between its health check and this connect. */
    void connectRefused(Connection c) {
        active.remove(c);
        publish();
        if (closed) c.close();
        else if (mode instanceof Mode.Refuse r) refuseConnection(c, r.state(), r.reason());
        else holdConnection(c, mode instanceof Mode.Forward);   // still forwarding: retry soon
    }

    private void holdConnection(Connection c, boolean retry) {
        period.held(c);
        held.add(c);
        publish();
        long deadline = c.acceptedAt + lastHold.limit().toNanos();
        try {
            c.hold(deadline, () -> limitReached(c), retry ? () -> retry(c) : null);
        } catch (ClosedChannelException e) {
            c.close();
        }
    }

    private void retry(Connection c) {
        if (!(mode instanceof Mode.Forward f) || !held.contains(c)) return;
        if (active.size() >= caps.forwarded()) {
            holdConnection(c, true);   // the cap is full: try again shortly, within the hold limit
            return;
        }
        leaveHold(c);
        startConnect(c, f.ports().get(c.publicPort));
    }

    private void limitReached(Connection c) {
        if (!held.contains(c)) return;
        leaveHold(c);
        period.refused();
        String limit = UnavailablePage.describe(lastHold.limit());
        String reason = mode instanceof Mode.Forward
                ? "the service did not accept the connection within " + limit
                : "the service did not become healthy within " + limit;
        refuseConnection(c, lastHold.state(), reason);
    }

    private void leaveHold(Connection c) {
        held.remove(c);
        publish();
        period.left(c);
    }

    private void refuseConnection(Connection c, String state, String reason) {
        SelectionKey key = c.handOff();
        try {
            refusing.add(Refusal.start(loop, c.client(), key, service, state, reason, refusing::remove));
        } catch (IOException | RuntimeException e) {
            Connection.closeQuietly(c.client());   // gone before we could answer
        }
    }

    /** A restart's drain is under way: connections between exchanges are parked as they get there. */
    boolean moving() {
        return drain.waiting();
    }

    /** {@code c} is between exchanges: its upstream goes, the client waits for the next instance. */
    void park(Connection c) {
        if (held.size() + parked.size() >= caps.held()) {
            c.close();   // as many idle clients as the hold cap: this one opens a new connection
            return;
        }
        active.remove(c);
        c.park();
        parked.add(c);
        publish();
        if (!closed) admitHeld();
    }

    /** A parked connection's client sent its next request (or closed): admitted like a new one. */
    void parkedSpoke(Connection c) {
        parked.remove(c);
        c.restartClock();
        admit(c);
    }

    /** A WebSocket to an instance about to stop: close code 1012 (Service Restart), so its client reconnects now. */
    void restartWebSocket(Connection c) {
        SelectionKey key = c.handOff();
        active.remove(c);
        publish();
        try {
            refusing.add(Refusal.say(loop, c.client(), key, WebSocketFrames.CLOSE_SERVICE_RESTART, refusing::remove));
        } catch (IOException | RuntimeException e) {
            Connection.closeQuietly(c.client());
        }
    }

    /** A connection closed itself (both sides done, a reset) or was closed. */
    void closed(Connection c) {
        held.remove(c);
        parked.remove(c);
        boolean wasActive = active.remove(c);
        publish();
        if (wasActive && !closed) admitHeld();
    }

    private HoldStats snapshot() {
        return period.snapshot(held);
    }

    private void publish() {
        inFlight = active.size();
        heldCount = held.size();
        capNotice.load(held.size(), active.size(), caps);
        drain.check(active.isEmpty());
    }

    void closeNow() {
        if (closed) return;
        closed = true;
        listeners.forEach(Listener::closeQuietly);
        for (Connection c : List.copyOf(held)) c.close();
        for (Connection c : List.copyOf(active)) c.close();
        for (Connection c : List.copyOf(parked)) c.close();
        for (Refusal r : List.copyOf(refusing)) r.close();
        publish();
        drain.completeAll();
        loop.forget(this);
        closedFuture.complete(null);
    }
}
