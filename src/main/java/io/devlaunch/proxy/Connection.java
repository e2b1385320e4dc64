package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection to a public port, from accept until it is spliced to the service's private
 * port and both sides have closed (a refusal hands it to {@link Refusal}). States:
 * held (its first bytes kept, {@link HeldBytes}) → connecting (non-blocking connect) → spliced; a refused connect
 * goes back to held. A spliced HTTP/1.x connection between exchanges can be parked: its upstream
 * closed, the client kept, and connected again (to whichever instance is current) when it next
 * speaks. What to do at each turn is the {@link PortProxy}'s call. Loop thread only.
 */
final class Connection implements ProxyLoop.Handler {
    enum State { HELD, CONNECTING, SPLICED, PARKED, HANDED_OFF, CLOSED }

    private static final long CONNECT_TIMEOUT_NANOS = 5_000_000_000L;

    private final PortConnections proxy;
    private final ProxyLoop loop;
    private final SocketChannel client;
    final int publicPort;
    long acceptedAt;                 // System.nanoTime(): the start of the client's wait
    private SelectionKey clientKey;
    private SocketChannel server;
    private SelectionKey serverKey;
    private Splice splice;           // while spliced: the two flows and the HTTP framing
    private int privatePort;
    private boolean v6;              // this connect goes to [::1], not 127.0.0.1
    private boolean otherFamilyTried;
    private final HeldBytes held = new HeldBytes();
    private State state = State.HELD;
    private Timers.Timer timer;      // the hold limit, the next connect retry, or the connect timeout
    private long retryDelayMillis;
    long heldInPeriod = -1;          // PortProxy's stats period in which this was last counted held

    Connection(PortConnections proxy, ProxyLoop loop, SocketChannel client, int publicPort) {
        this.proxy = proxy;
        this.loop = loop;
        this.client = client;
        this.publicPort = publicPort;
        this.acceptedAt = System.nanoTime();
    }

    /**
     * Held: the client's first bytes are read and kept ({@link HeldBytes}). At the deadline {@code onLimit} runs; with a {@code retry} (a refused connect while
     * forwarding) that runs first, after a short delay that grows with each refusal.
     */
    void hold(long deadline, Runnable onLimit, Runnable retry) throws ClosedChannelException {
        state = State.HELD;
        int ops = held.full() ? 0 : SelectionKey.OP_READ;
        if (clientKey == null) clientKey = client.register(loop.selector(), ops, this);
        else clientKey.interestOps(ops);
        long at = deadline;
        if (retry == null) {
            retryDelayMillis = 0;
        } else {
            retryDelayMillis = retryDelayMillis == 0 ? 10 : Math.min(retryDelayMillis * 2, 200);
            long soon = System.nanoTime() + retryDelayMillis * 1_000_000;
            if (soon - deadline < 0) at = soon;
        }
        setTimer(at, () -> {
            if (retry == null || System.nanoTime() - deadline >= 0) onLimit.run();
            else retry.run();
        });
    }

    /**
     * Starts a non-blocking connect to the private port on the loopback address that last took one
     * (127.0.0.1 first), then on the other: a service that binds only ::1 (Node's "localhost") is
     * reached too. Refusals on both come back to the proxy.
     */
    void connect(int privatePort) {
        this.privatePort = privatePort;
        v6 = proxy.prefersIpv6(privatePort);
        otherFamilyTried = false;
        if (clientKey != null) clientKey.interestOps(0);   // a parked client that spoke: read it once spliced
        open();
    }

    private void open() {
        cancelTimer();
        state = State.CONNECTING;
        boolean connected;
        try {
            server = Loopback.open(v6);
            connected = server.connect(Loopback.address(v6, privatePort));
            if (!connected) {
                serverKey = server.register(loop.selector(), SelectionKey.OP_CONNECT, this);
                // A server whose accept backlog is full drops our SYN and the kernel retries for
                // minutes: give up sooner and treat it as a refusal (held, retried, hold limit).
                setTimer(System.nanoTime() + CONNECT_TIMEOUT_NANOS, this::connectFailed);
            }
        } catch (IOException e) {
            connectFailed();   // loopback may refuse at once rather than through OP_CONNECT
            return;
        }
        if (connected) spliceOrClose();
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (state == State.CONNECTING) {
            if (key == serverKey && key.isConnectable()) finishConnect();
            return;
        }
        if (state == State.PARKED) {
            if (key == clientKey) proxy.parkedSpoke(this);   // its next request (or its close)
            return;
        }
        if (state == State.HELD) {
            if (key == clientKey) readWhileHeld();
            return;
        }
        if (state != State.SPLICED) return;
        boolean fromClient = key == clientKey;
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_READ) != 0) {
            if (fromClient) {
                splice.up.fill();
            } else if (!splice.readService()) {
                proxy.park(this);   // the service reset it between exchanges: nothing lost
                return;
            }
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) (fromClient ? splice.down : splice.up).drain();
        afterTurn();
    }

    /** After bytes moved: go on, park (between exchanges), send a WebSocket its 1012, or close. */
    private void afterTurn() throws IOException {
        if (state != State.SPLICED) return;
        switch (splice.next(proxy.moving())) {
            case PARK -> proxy.park(this);
            case RESTART_WEBSOCKET -> proxy.restartWebSocket(this);
            case CLOSE -> close();
            case GO_ON -> splice.interest(clientKey, serverKey);
        }
    }

    /** Spliced, and {@link Splice#movable}: can be parked. */
    boolean movable() {
        return state == State.SPLICED && splice.movable();
    }

    /** The two flows and their framing while spliced, else null: what a drain asks about. */
    Splice spliced() {
        return state == State.SPLICED ? splice : null;
    }

    /**
     * Between exchanges: close the upstream, keep the client, and wait for it to speak again. Its
     * next request stays in the kernel until the proxy connects it to the instance current then.
     */
    void park() {
        cancelTimer();
        releaseSplice();
        closeServer();
        state = State.PARKED;
        clientKey.interestOps(SelectionKey.OP_READ);
    }

    /** A parked connection's client spoke: its wait (for the hold limit and the stats) starts now. */
    void restartClock() {
        acceptedAt = System.nanoTime();
    }

    /** A connect to an instance about to stop: held again for the next one. */
    void abandonConnect() {
        otherFamilyTried = true;   // not a refusal: no point trying ::1
        connectFailed();
    }

    private void readWhileHeld() throws IOException {
        if (!held.read(client, loop.scratch())) close();   // it gave up: its descriptor goes now
        else if (held.full()) clientKey.interestOps(0);
    }

    /** What the client sent while held (null if nothing), handed to a refusal's sniffing. */
    byte[] takeStash() {
        return held.take();
    }

    private void finishConnect() {
        boolean connected;
        try {
            connected = server.finishConnect();
        } catch (IOException e) {
            connectFailed();   // refused: the instance died between its health check and now
            return;
        }
        if (connected) spliceOrClose();
    }

    private void spliceOrClose() {
        try {
            splice();
        } catch (IOException e) {
            close();   // the client went away meanwhile
        }
    }

    private void connectFailed() {
        if (state != State.CONNECTING) return;
        cancelTimer();
        closeServer();
        if (!otherFamilyTried && Loopback.HAS_IPV6) {
            otherFamilyTried = true;
            v6 = !v6;
            open();
            return;
        }
        state = State.HELD;
        proxy.connectRefused(this);
    }

    private void splice() throws IOException {
        cancelTimer();
        state = State.SPLICED;
        retryDelayMillis = 0;
        proxy.connectedVia(privatePort, v6);
        splice = new Splice(client, server, loop, this::bufferArrived);
        if (clientKey == null) clientKey = client.register(loop.selector(), 0, this);
        if (serverKey == null) serverKey = server.register(loop.selector(), 0, this);
        byte[] first = held.take();
        if (first != null) {
            splice.up.prefill(first);
            splice.up.drain();
        }
        // The client usually sent its request while we connected (or while it was held): pass it
        // on now rather than one select round later. A read that finds nothing costs one syscall.
        splice.up.fill();
        afterTurn();
    }

    /** A flow that waited for the pool's budget got its buffer (inside another connection's turn). */
    private void bufferArrived() {
        if (state != State.SPLICED) return;
        try {
            splice.interest(clientKey, serverKey);
        } catch (RuntimeException e) {
            close();   // our key was cancelled meanwhile: never fail the connection that gave the buffer
        }
    }

    /** For the 503 responder: this object lets go of the client socket and its key (and the upstream). */
    SelectionKey handOff() {
        cancelTimer();
        releaseSplice();
        closeServer();
        state = State.HANDED_OFF;
        return clientKey;
    }

    State state() {
        return state;
    }

    SocketChannel client() {
        return client;
    }

    @Override
    public void failed(Throwable e) {
        close();   // a reset or a broken pipe on either side ends both
    }

    void close() {
        if (state == State.CLOSED || state == State.HANDED_OFF) return;
        state = State.CLOSED;
        cancelTimer();
        releaseSplice();
        Loopback.closeQuietly(client);
        closeServer();
        proxy.closed(this);
    }

    private void releaseSplice() {
        if (splice != null) splice.release();
        splice = null;
    }

    private void closeServer() {
        if (server != null) Loopback.closeQuietly(server);
        server = null;
        serverKey = null;
    }

    private void setTimer(long deadline, Runnable action) {
        cancelTimer();
        timer = loop.timers().schedule(deadline, action);
    }

    private void cancelTimer() {
        if (timer != null) timer.cancel();
        timer = null;
    }
}
