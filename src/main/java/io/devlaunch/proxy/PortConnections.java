package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The connections of one {@link PortProxy}, and what happens to each: admitted (forwarded, held or
 * refused as the mode says), held until a deadline, connected, parked between exchanges, moved,
 * refused. The proxy's public methods queue their calls here. Loop thread only, except the two
 * published counts.
 */
final class PortConnections {
    private final ProxyLoop loop;
    private final String service;
    private final Caps caps;
    private final CapNotice capNotice;
    private volatile int inFlight;
    private volatile int heldCount;

    private Mode mode = new Mode.Hold("starting", PortProxy.DEFAULT_HOLD_LIMIT);
    private Mode.Hold lastHold = (Mode.Hold) mode;     // its limit also bounds connect retries
    private final Set<Connection> held = new LinkedHashSet<>();
    private final Set<Connection> active = new HashSet<>();   // connecting or spliced: in flight
    private final Set<Connection> parked = new HashSet<>();   // kept-alive, between exchanges, no upstream
    private final Set<Integer> ipv6Ports = new HashSet<>();   // private ports last reached on ::1, not 127.0.0.1
    private final Set<Refusal> refusing = new HashSet<>();
    private final Drain drain;
    private final HoldPeriod period = new HoldPeriod();
    private boolean closed;

    PortConnections(ProxyLoop loop, String service, Collection<Integer> publicPorts, Caps caps) {
        this.loop = loop;
        this.service = service;
        this.caps = caps;
        this.capNotice = new CapNotice(publicPorts.iterator().next());
        this.drain = new Drain(loop);
    }

    /** Healthy: held connections go to {@code forward}'s ports (within the cap); the stats period ends. */
    HoldStats forward(Mode.Forward forward) {
        if (closed) return HoldStats.NONE;
        mode = forward;
        List<Connection> waiting = List.copyOf(held);
        for (Connection c : waiting) leaveHold(c);
        HoldStats s = snapshot();
        period.next();
        // Past the forward cap the rest stay held, and go as forwarded ones end (admitHeld).
        for (Connection c : waiting) {
            if (active.size() < caps.forwarded()) startConnect(c, forward.ports().get(c.publicPort));
            else holdConnection(c, false);
        }
        return s;
    }

    void hold(Mode.Hold h) {
        if (closed) return;
        mode = lastHold = h;
        // Those held already keep their accept time and get the new limit from it.
        for (Connection c : List.copyOf(held)) holdConnection(c, false);
    }

    void refuse(Mode.Refuse r) {
        if (closed) return;
        mode = r;
        for (Connection c : List.copyOf(held)) {
            leaveHold(c);
            period.refused();
            refuseConnection(c, r.state(), r.reason());
        }
    }

    /** The instance is gone: connections between exchanges are parked, the others closed. */
    void closeEstablished() {
        for (Connection c : List.copyOf(active)) {
            if (c.movable()) park(c);
            else c.close();
        }
    }

    void drain(CompletableFuture<Void> f) {
        if (closed) f.complete(null);
        else drain.await(f, active, this);
    }

    void onNotice(Consumer<String> sink) {
        capNotice.to(sink);
    }

    int inFlight() {
        return inFlight;
    }

    int heldCount() {
        return heldCount;
    }

    void accepted(SocketChannel client, int publicPort) {
        if (closed) { Loopback.closeQuietly(client); return; }
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
            refusing.add(Refusal.start(loop, c.client(), key, c.takeStash(), service, state, reason, refusing::remove));
        } catch (IOException | RuntimeException e) {
            Loopback.closeQuietly(c.client());   // gone before we could answer
        }
    }

    /** Whether a connect to {@code privatePort} should try ::1 first (it took the last one there). */
    boolean prefersIpv6(int privatePort) {
        return ipv6Ports.contains(privatePort);
    }

    void connectedVia(int privatePort, boolean v6) {
        if (v6) ipv6Ports.add(privatePort);
        else ipv6Ports.remove(privatePort);
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
            Loopback.closeQuietly(c.client());
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

    HoldStats snapshot() {
        return period.snapshot(held);
    }

    private void publish() {
        inFlight = active.size();
        heldCount = held.size();
        capNotice.load(held.size(), active.size(), caps);
        drain.check(active.isEmpty());
    }

    /** Every connection closed; from now on every call is a no-op. */
    void closeAll() {
        if (closed) return;
        closed = true;
        for (Connection c : List.copyOf(held)) c.close();
        for (Connection c : List.copyOf(active)) c.close();
        for (Connection c : List.copyOf(parked)) c.close();
        for (Refusal r : List.copyOf(refusing)) r.close();
        publish();
        drain.completeAll();
    }

    boolean isClosed() {
        return closed;
    }
}
