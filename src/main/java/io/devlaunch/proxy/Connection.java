package io.devlaunch.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection to a public port, from accept until it is spliced to the service's private
 * port and both sides have closed (a refusal hands it to {@link Refusal}). States:
 * held (registered, nothing read) → connecting (non-blocking connect) → spliced; a refused connect
 * goes back to held. A spliced HTTP/1.x connection between exchanges can be parked: its upstream
 * closed, the client kept, and connected again (to whichever instance is current) when it next
 * speaks. What to do at each turn is the {@link PortProxy}'s call. Loop thread only.
 */
final class Connection implements ProxyLoop.Handler {
    enum State { HELD, CONNECTING, SPLICED, PARKED, HANDED_OFF, CLOSED }

    private static final InetAddress LOOPBACK = loopback();
    private static final long CONNECT_TIMEOUT_NANOS = 5_000_000_000L;

    private final PortProxy proxy;
    private final ProxyLoop loop;
    private final SocketChannel client;
    final int publicPort;
    long acceptedAt;                 // System.nanoTime(): the start of the client's wait
    private SelectionKey clientKey;
    private SocketChannel server;
    private SelectionKey serverKey;
    private Flow up;                 // client → service
    private Flow down;               // service → client
    private HttpFraming framing;     // where the exchanges on this upstream begin and end
    private State state = State.HELD;
    private Timers.Timer timer;      // the hold limit, the next connect retry, or the connect timeout
    private long retryDelayMillis;
    long heldInPeriod = -1;          // PortProxy's stats period in which this was last counted held

    Connection(PortProxy proxy, ProxyLoop loop, SocketChannel client, int publicPort) {
        this.proxy = proxy;
        this.loop = loop;
        this.client = client;
        this.publicPort = publicPort;
        this.acceptedAt = System.nanoTime();
    }

    /**
     * Held: registered with no interest, so nothing is read and the client's request waits in the
     * kernel. At the deadline {@code onLimit} runs; with a {@code retry} (a refused connect while
     * forwarding) that runs first, after a short delay that grows with each refusal.
     */
    void hold(long deadline, Runnable onLimit, Runnable retry) throws ClosedChannelException {
        state = State.HELD;
        if (clientKey == null) clientKey = client.register(loop.selector(), 0, this);
        else clientKey.interestOps(0);
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

    /** Starts a non-blocking connect to 127.0.0.1:privatePort; refusals come back to the proxy. */
    void connect(int privatePort) {
        cancelTimer();
        state = State.CONNECTING;
        if (clientKey != null) clientKey.interestOps(0);   // a parked client that spoke: read it once spliced
        boolean connected;
        try {
            server = SocketChannel.open(StandardProtocolFamily.INET);
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connected = server.connect(new InetSocketAddress(LOOPBACK, privatePort));
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
        if (state != State.SPLICED) return;
        boolean fromClient = key == clientKey;
        int ops = key.readyOps();
        if ((ops & SelectionKey.OP_READ) != 0) {
            if (fromClient) up.fill();
            else fillFromService();
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) (fromClient ? down : up).drain();
        afterTurn();
    }

    private void fillFromService() throws IOException {
        try {
            down.fill();
        } catch (IOException e) {
            // A reset from the service (it was killed, say) between exchanges: the client has lost
            // nothing, and its next request can go to the next instance.
            if (!movable()) throw e;
            proxy.park(this);
        }
    }

    /**
     * After bytes moved: a service that closed an idle kept-alive connection, or a restart under
     * way, parks the connection once it is between exchanges; otherwise the FIN is passed on.
     */
    private void afterTurn() throws IOException {
        if (state != State.SPLICED) return;
        if (movable() && (down.eofWaiting() || proxy.moving())) {
            proxy.park(this);
            return;
        }
        if (down.eofWaiting()) down.passEof();
        if (proxy.moving() && webSocketBetweenFrames()) {
            proxy.restartWebSocket(this);
            return;
        }
        if (up.done() && down.done()) close();
        else updateInterest();
    }

    /** An HTTP/1.x connection between exchanges, with nothing buffered either way and the client still there. */
    boolean movable() {
        return state == State.SPLICED && framing.betweenExchanges() && up.empty() && !down.wantsWrite();
    }

    /** Plain bytes that HTTP framing cannot follow (not HTTP/1.x, or a tunnel); false for a WebSocket. */
    boolean opaque() {
        return state == State.SPLICED && framing.opaque() && framing.webSocket() == null;
    }

    /** A WebSocket with no frame of the service's half-passed and nothing waiting for the client. */
    boolean webSocketBetweenFrames() {
        return state == State.SPLICED && framing.webSocket() != null && framing.webSocket().atBoundary() && !down.wantsWrite();
    }

    /**
     * Between exchanges: close the upstream, keep the client, and wait for it to speak again. Its
     * next request stays in the kernel until the proxy connects it to the instance current then.
     */
    void park() {
        cancelTimer();
        up.release();
        down.release();
        up = down = null;
        framing = null;
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
        connectFailed();
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
        state = State.HELD;
        proxy.connectRefused(this);
    }

    private void splice() throws IOException {
        cancelTimer();
        state = State.SPLICED;
        retryDelayMillis = 0;
        framing = new HttpFraming();
        up = new Flow(client, server, loop, this::bufferArrived, framing::fromClient, false);
        down = new Flow(server, client, loop, this::bufferArrived, framing::fromService, true);
        if (clientKey == null) clientKey = client.register(loop.selector(), 0, this);
        if (serverKey == null) serverKey = server.register(loop.selector(), 0, this);
        // The client usually sent its request while we connected (or while it was held): pass it
        // on now rather than one select round later. A read that finds nothing costs one syscall.
        up.fill();
        afterTurn();
    }

    /**
     * The back-pressure: a side is read only while its flow's buffer is empty, and watched for
     * writing only while bytes wait for it. Interest is only set when it changes (a syscall each).
     */
    private void updateInterest() {
        setOps(clientKey, (up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0));
        setOps(serverKey, (down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0));
    }

    /** A flow that waited for the pool's budget got its buffer (inside another connection's turn). */
    private void bufferArrived() {
        if (state != State.SPLICED) return;
        try {
            updateInterest();
        } catch (RuntimeException e) {
            close();   // our key was cancelled meanwhile: never fail the connection that gave the buffer
        }
    }

    private static void setOps(SelectionKey key, int ops) {
        if (key.interestOps() != ops) key.interestOps(ops);
    }

    /** For the 503 responder: this object lets go of the client socket and its key (and the upstream). */
    SelectionKey handOff() {
        cancelTimer();
        if (up != null) up.release();
        if (down != null) down.release();
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
        if (up != null) up.release();
        if (down != null) down.release();
        closeQuietly(client);
        closeServer();
        proxy.closed(this);
    }

    private void closeServer() {
        if (server != null) closeQuietly(server);
        server = null;
        serverKey = null;
    }

    /**
     * Between requests on a keep-alive connection, which HTTP lets a server close (clients open a
     * new one): spliced, nothing buffered, quiet since {@code since}, and the service spoke last —
     * a client that spoke last is waiting for an answer (a slow query), and is left to finish.
     */
    boolean idleSince(long since) {
        return state == State.SPLICED && up != null && down != null && up.quietSince(since) && down.quietSince(since)
                && down.lastBytes() - up.lastBytes() >= 0;
    }

    private void setTimer(long deadline, Runnable action) {
        cancelTimer();
        timer = loop.timers().schedule(deadline, action);
    }

    private void cancelTimer() {
        if (timer != null) timer.cancel();
        timer = null;
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();   // also cancels its key
        } catch (IOException e) {
            // the descriptor is released all the same
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});   // literal: no DNS on the loop
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
