package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The two {@link Flow}s of one connection to one upstream, and the {@link HttpFraming} that reads
 * what passes: what the connection may do next (be moved, be sent a WebSocket close, be closed
 * as idle) is decided from here. Loop thread only.
 */
final class Splice {
    enum Next { GO_ON, PARK, RESTART_WEBSOCKET, CLOSE }

    final Flow up;       // client → service
    final Flow down;     // service → client
    private final HttpFraming framing;

    Splice(SocketChannel client, SocketChannel server, ProxyLoop loop, Runnable onBuffer) {
        framing = new HttpFraming(loop.scratch().array());
        up = new Flow(client, server, loop, onBuffer, framing::fromClient, false);
        down = new Flow(server, client, loop, onBuffer, framing::fromService, true);
    }

    /**
     * After bytes moved: a service that closed an idle kept-alive connection, or a restart under
     * way ({@code moving}), parks the connection once it is between exchanges; otherwise the
     * service's FIN is passed on. A restart sends a WebSocket its close between two frames.
     */
    Next next(boolean moving) throws IOException {
        if (movable() && (down.eofWaiting() || moving)) return Next.PARK;
        if (down.eofWaiting()) down.passEof();
        if (moving && webSocketBetweenFrames()) return Next.RESTART_WEBSOCKET;
        return done() ? Next.CLOSE : Next.GO_ON;
    }

    /**
     * Reads from the service; false for a reset between exchanges (it was killed, say): the client
     * lost nothing, and its next request can go to the next instance.
     */
    boolean readService() throws IOException {
        try {
            down.fill();
            return true;
        } catch (IOException e) {
            if (!movable()) throw e;
            return false;
        }
    }

    /** Between HTTP/1.x exchanges, nothing buffered either way, and the client still there. */
    boolean movable() {
        return framing.betweenExchanges() && up.empty() && !down.wantsWrite();
    }

    /** Plain bytes that framing cannot follow (not HTTP/1.x, or a tunnel); false for a WebSocket. */
    boolean opaque() {
        return framing.opaque() && framing.webSocket() == null;
    }

    /** A WebSocket with no frame of the service's half-passed and nothing waiting for the client. */
    boolean webSocketBetweenFrames() {
        return framing.webSocket() != null && framing.webSocket().atBoundary() && !down.wantsWrite();
    }

    /**
     * Quiet since {@code since}, nothing buffered, and the service spoke last — a client that spoke
     * last is waiting for an answer (a slow query), and is left to finish.
     */
    boolean idleSince(long since) {
        return up.quietSince(since) && down.quietSince(since) && down.lastBytes() - up.lastBytes() >= 0;
    }

    boolean done() {
        return up.done() && down.done();
    }

    /**
     * The back-pressure: a side is read only while its flow's buffer is empty, and watched for
     * writing only while bytes wait for it. Interest is only set when it changes (a syscall each).
     */
    void interest(SelectionKey clientKey, SelectionKey serverKey) {
        setOps(clientKey, (up.wantsRead() ? SelectionKey.OP_READ : 0) | (down.wantsWrite() ? SelectionKey.OP_WRITE : 0));
        setOps(serverKey, (down.wantsRead() ? SelectionKey.OP_READ : 0) | (up.wantsWrite() ? SelectionKey.OP_WRITE : 0));
    }

    void release() {
        up.release();
        down.release();
    }

    private static void setOps(SelectionKey key, int ops) {
        if (key.interestOps() != ops) key.interestOps(ops);
    }
}
