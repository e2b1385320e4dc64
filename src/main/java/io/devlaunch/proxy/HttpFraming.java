package io.devlaunch.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Where a spliced connection is between its HTTP/1.x exchanges: every request that passed has had
 * its final answer, and nothing of a next one has passed either way. Only there can the proxy move
 * a kept-alive connection to a new instance without a client seeing it (issue 23): the upstream is
 * closed, the client's next request waits in the kernel until it is forwarded to the new instance.
 *
 * <p>Each direction has its {@link Http1Parser}; the answers are matched to the requests in order
 * (pipelining), which decides HEAD, 1xx, 204/304, CONNECT and Upgrade. A 101 answer to an Upgrade
 * makes both directions plain bytes; with {@code Upgrade: websocket} the server's frames are then
 * followed too ({@link WebSocketFrames}), so a restart can send a close frame between two of them.
 * A connection that will close after this exchange ({@code Connection: close}, HTTP/1.0, a body
 * that ends with the connection) is never moved. Loop thread only.
 */
final class HttpFraming {
    private final Http1Parser requests;
    private final Http1Parser answers;
    // Methods of requests whose final answer has not passed yet, oldest first.
    private final ArrayDeque<String> awaiting = new ArrayDeque<>(2);
    private String upgradeAsked;      // the last request's Upgrade value, until its answer
    private boolean closing;
    private WebSocketFrames webSocket;

    /** With a scratch array of its own (tests). */
    HttpFraming() {
        this(new byte[4096]);
    }

    /** {@code scratch}: the proxy thread's array for reading heads, shared by every connection on it. */
    HttpFraming(byte[] scratch) {
        requests = new Http1Parser(true, new Side(true), scratch);
        answers = new Http1Parser(false, new Side(false), scratch);
    }

    /** One direction's heads and message ends, matched up here. */
    private final class Side implements Http1Parser.Sink {
        private final boolean requestSide;

        Side(boolean requestSide) {
            this.requestSide = requestSide;
        }

        @Override
        public Http1Parser.Body head(Http1Parser.Head h) {
            return requestSide ? requestHead(h) : answerHead(h);
        }

        @Override
        public void message() {
            // A request fully sent is in flight until its answer has passed; a final answer ends it.
            if (!requestSide && !awaiting.isEmpty()) awaiting.poll();
        }
    }

    /** Bytes that went client → service, at {@code [from, to)} of {@code b}. */
    void fromClient(ByteBuffer b, int from, int to) {
        requests.scan(b, from, to);
    }

    /** Bytes that went service → client. */
    void fromService(ByteBuffer b, int from, int to) {
        if (webSocket != null) webSocket.scan(b, from, to);
        else answers.scan(b, from, to);
    }

    /** Between exchanges, and the connection may be used again: it can be moved to another instance. */
    boolean betweenExchanges() {
        return !closing && awaiting.isEmpty() && requests.atStart() && answers.atStart();
    }

    /** Plain bytes (not HTTP/1.x, upgraded, or unframeable): the proxy cannot tell exchanges apart. */
    boolean opaque() {
        return requests.opaque() || answers.opaque();
    }

    /** A WebSocket whose server frames are followed; null otherwise. */
    WebSocketFrames webSocket() {
        return webSocket;
    }

    private Http1Parser.Body requestHead(Http1Parser.Head h) {
        awaiting.add(h.method);
        upgradeAsked = h.upgrade;
        if (h.close || (h.http10 && !h.keepAlive)) closing = true;
        if (h.method.equals("CONNECT")) return Http1Parser.Body.NONE;   // what follows depends on the answer
        return Http1Parser.Body.BY_HEADERS;
    }

    private Http1Parser.Body answerHead(Http1Parser.Head h) {
        String method = awaiting.peek();
        if (h.status == 101 && upgradeAsked != null) {
            requests.becomeOpaque();
            if (upgradeAsked.toLowerCase(java.util.Locale.ROOT).contains("websocket")) webSocket = new WebSocketFrames();
            return Http1Parser.Body.OPAQUE;
        }
        if (h.status >= 100 && h.status < 200) return Http1Parser.Body.INTERIM;   // 100 Continue, 103: the final answer follows
        if ("CONNECT".equals(method) && h.status < 300) {
            requests.becomeOpaque();   // a tunnel
            return Http1Parser.Body.OPAQUE;
        }
        upgradeAsked = null;
        if (h.close || (h.http10 && !h.keepAlive)) closing = true;
        if ("HEAD".equals(method) || h.status == 204 || h.status == 304) return Http1Parser.Body.NONE;
        if (h.chunked || h.contentLength >= 0) return Http1Parser.Body.BY_HEADERS;
        closing = true;
        return Http1Parser.Body.UNTIL_CLOSE;
    }
}
