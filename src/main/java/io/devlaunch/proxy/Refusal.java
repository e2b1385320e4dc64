package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * Answers one connection the service cannot take: reads its first bytes (at most
 * {@link #HEAD_LIMIT}, for at most {@link #SNIFF_TIMEOUT_NANOS}); an HTTP/1.x request gets the 503
 * page, anything else is closed. After the answer it shuts its output and reads on, discarding,
 * for a moment before closing ("lingering close"): closing a socket with unread request bytes sends
 * a reset, and a reset can make the client drop the 503 it has not read yet. Loop thread only.
 */
final class Refusal implements ProxyLoop.Handler {
    static final int HEAD_LIMIT = 8 * 1024;
    static final long SNIFF_TIMEOUT_NANOS = 1_000_000_000L;        // a client that speaks first speaks at once
    private static final long WRITE_TIMEOUT_NANOS = 5_000_000_000L;  // a client that stopped reading
    private static final long LINGER_NANOS = 1_000_000_000L;
    private static final int LINGER_LIMIT = 256 * 1024;

    private enum Phase { SNIFF, WRITE, LINGER, DONE }

    private final ProxyLoop loop;
    private final SocketChannel client;
    private final SelectionKey key;
    private final String service;
    private final String state;
    private final String reason;
    private final Consumer<Refusal> onDone;
    private final byte[] head = new byte[HEAD_LIMIT];
    private int headLen;
    private ByteBuffer out;
    private int discarded;
    private Phase phase = Phase.SNIFF;
    private Timers.Timer timer;

    private Refusal(ProxyLoop loop, SocketChannel client, SelectionKey key, String service, String state,
                    String reason, Consumer<Refusal> onDone) {
        this.loop = loop;
        this.client = client;
        this.key = key;
        this.service = service;
        this.state = state;
        this.reason = reason;
        this.onDone = onDone;
    }

    /**
     * Takes over {@code client}; {@code key} is its registration if it has one already (a held
     * connection), {@code already} what was read from it while it was held (or null).
     */
    static Refusal start(ProxyLoop loop, SocketChannel client, SelectionKey key, byte[] already, String service, String state,
                         String reason, Consumer<Refusal> onDone) throws IOException {
        SelectionKey k = key != null ? key : client.register(loop.selector(), 0, null);
        Refusal r = new Refusal(loop, client, k, service, state, reason, onDone);
        k.attach(r);
        k.interestOps(SelectionKey.OP_READ);
        r.timer = loop.timers().schedule(System.nanoTime() + SNIFF_TIMEOUT_NANOS, r::sniffTimedOut);
        if (already != null && already.length > 0) {
            r.headLen = Math.min(already.length, HEAD_LIMIT);
            System.arraycopy(already, 0, r.head, 0, r.headLen);
            r.judge(false);
        }
        return r;
    }

    /**
     * Takes over {@code client} (registered as {@code key}) to write {@code answer} as it is — a
     * WebSocket close frame, say — then shuts its output, lingers and closes, as after a 503.
     */
    static Refusal say(ProxyLoop loop, SocketChannel client, SelectionKey key, byte[] answer, Consumer<Refusal> onDone)
            throws IOException {
        Refusal r = new Refusal(loop, client, key, null, null, null, onDone);
        key.attach(r);
        r.answer(answer);
        return r;
    }

    @Override
    public void ready(SelectionKey k) throws IOException {
        switch (phase) {
            case SNIFF -> sniff();
            case WRITE -> write();
            case LINGER -> linger();
            case DONE -> { }
        }
    }

    private void sniff() throws IOException {
        int n = client.read(ByteBuffer.wrap(head, headLen, HEAD_LIMIT - headLen));
        if (n > 0) headLen += n;
        judge(n < 0);
    }

    /** Answer, close, or read on, by what the head read so far is. */
    private void judge(boolean eof) throws IOException {
        UnavailablePage.Sniff s = UnavailablePage.sniff(head, headLen);
        boolean full = headLen == HEAD_LIMIT;
        switch (s) {
            case NOT_HTTP -> close();
            case HEAD -> respond();
            case REQUEST_LINE -> { if (eof || full) respond(); }
            case MORE -> { if (eof || full) close(); }
        }
    }

    private void sniffTimedOut() {
        UnavailablePage.Sniff s = UnavailablePage.sniff(head, headLen);
        try {
            if (s == UnavailablePage.Sniff.REQUEST_LINE || s == UnavailablePage.Sniff.HEAD) respond();
            else close();
        } catch (IOException e) {
            close();
        }
    }

    private void respond() throws IOException {
        answer(UnavailablePage.response(head, headLen, service, state, reason));
    }

    private void answer(byte[] bytes) throws IOException {
        cancelTimer();
        phase = Phase.WRITE;
        out = ByteBuffer.wrap(bytes);
        timer = loop.timers().schedule(System.nanoTime() + WRITE_TIMEOUT_NANOS, this::close);
        write();
    }

    private void write() throws IOException {
        client.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        cancelTimer();
        client.shutdownOutput();   // our FIN: the client reads the whole answer, then EOF
        phase = Phase.LINGER;
        key.interestOps(SelectionKey.OP_READ);
        timer = loop.timers().schedule(System.nanoTime() + LINGER_NANOS, this::close);
    }

    private void linger() throws IOException {
        int n = client.read(ByteBuffer.wrap(head));
        if (n < 0) close();
        else if ((discarded += n) > LINGER_LIMIT) close();
    }

    @Override
    public void failed(Throwable e) {
        close();
    }

    void close() {
        if (phase == Phase.DONE) return;
        phase = Phase.DONE;
        cancelTimer();
        Loopback.closeQuietly(client);
        onDone.accept(this);
    }

    private void cancelTimer() {
        if (timer != null) timer.cancel();
        timer = null;
    }
}
