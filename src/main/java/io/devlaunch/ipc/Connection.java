package io.devlaunch.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One client of the control socket: its non-blocking reads and writes. Its fields belong to the
 * channel's I/O thread; only the {@link Replies} methods are called from elsewhere
 * (a request's worker, the console writer through a tap), and they only touch the thread-safe
 * {@link Outbox}.
 */
final class Connection implements Replies {
    private static final int CHUNK_CHARS = 64 * 1024;

    enum Phase {
        /** Reading the request line, under the request deadline. */
        READING,
        /** The request runs (or was answered); nothing more is read. Closes once the answer is sent. */
        REPLYING,
        /** An attach: the client's lines are read and handed to its stream until either side ends it. */
        ATTACHED,
        /** Refused before a whole request was read: the refusal is sent, then the rest of the input is read and dropped
         *  until the client closes or the linger ends — closing on unread input could cost the client our answer. */
        DISCARDING
    }

    /** What reading the request line found. */
    enum Read { MORE, LINE, TOO_LONG, END }

    final SocketChannel channel;
    final Outbox outbox;
    private final Runnable wake;
    SelectionKey key;
    Phase phase = Phase.READING;
    long deadline;          // READING: the request's; DISCARDING: the linger's end
    long lastTaken;         // when replies were last taken from the outbox: keep-alives go out after silence
    long pendingSince = -1; // output waiting since (or last progress at); -1 when nothing waits
    private ByteBuffer in;
    private int scanned;    // bytes of {@code in} already searched for the newline
    private int lineEnd;
    private ByteBuffer out; // rendered replies being written
    private boolean outputShut;
    volatile Attached attached;     // set by the request's worker; the I/O thread then moves to ATTACHED

    Connection(SocketChannel channel, Outbox outbox, Runnable wake, long now) {
        this.channel = channel;
        this.outbox = outbox;
        this.wake = wake;
        this.lastTaken = now;
    }

    @Override
    public void line(String text) {
        if (outbox.line(text)) wake.run();
    }

    @Override
    public void done(boolean ok, String message) {
        if (outbox.done(new Protocol.Done(ok, message))) wake.run();
    }

    @Override
    public void output(byte[] bytes) {
        if (outbox.output(bytes)) wake.run();
    }

    @Override
    public void attach(Attached stream) {
        outbox.attached();
        attached = stream;
        wake.run();
    }

    /**
     * ATTACHED: hands every whole line that has arrived to the stream; false at the client's end of
     * file or when a line is longer than {@code most}.
     */
    boolean readAttached(int most) throws IOException {
        if (in == null) in = ByteBuffer.allocate(8 * 1024);
        int n;
        do {
            if (!in.hasRemaining()) {
                if (in.capacity() >= most) return false;
                in = ByteBuffer.allocate(Math.min(in.capacity() * 2, most)).put(in.flip());
            }
            n = channel.read(in);
            int start = 0;
            for (int i = 0; i < in.position(); i++) {
                if (in.get(i) != '\n') continue;
                byte[] line = new byte[i - start];
                in.get(start, line);
                attached.input(new String(line, StandardCharsets.UTF_8));
                start = i + 1;
            }
            in.flip().position(start);
            in.compact();
        } while (n > 0);
        return n == 0;
    }

    boolean pending() {
        return out != null && out.hasRemaining();
    }

    /** Reads what has arrived of the request line: at most {@code most} bytes, its newline included. */
    Read readRequest(int most) throws IOException {
        if (in == null) in = ByteBuffer.allocate(Math.min(1024, most));     // most requests are tiny: grow on demand
        int n;
        do {
            if (!in.hasRemaining()) {
                if (in.capacity() >= most) return Read.TOO_LONG;
                in = ByteBuffer.allocate(Math.min(in.capacity() * 2, most)).put(in.flip());
            }
            n = channel.read(in);
            for (int i = scanned; i < in.position(); i++) {
                if (in.get(i) == '\n') {
                    lineEnd = i;
                    return Read.LINE;
                }
            }
            scanned = in.position();
        } while (n > 0);
        if (n == 0) return Read.MORE;
        // The client closed its side: what it sent is the request, newline or not (`printf '…' | nc -U`).
        lineEnd = in.position();
        return lineEnd == 0 ? Read.END : Read.LINE;
    }

    /** The request line read (without its newline or a CR before it), as strict UTF-8. */
    String request() throws CharacterCodingException {
        int end = lineEnd > 0 && in.get(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        ByteBuffer bytes = in.flip().limit(end);
        in = null;
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
    }

    /** Reads and drops what has arrived; false at end of file. */
    boolean discard(ByteBuffer scratch) throws IOException {
        in = null;
        int n;
        do {
            n = channel.read(scratch.clear());
        } while (n > 0);
        return n == 0;
    }

    /** Writes queued replies until none are left or the socket is full, noting progress for the stall check. */
    void write(long now) throws IOException {
        boolean progressed = false;
        while (true) {
            if (!pending()) {
                List<Protocol.Reply> next = outbox.take(CHUNK_CHARS);
                if (next.isEmpty()) break;
                lastTaken = now;
                StringBuilder sb = new StringBuilder();
                for (Protocol.Reply r : next) sb.append(Protocol.render(r)).append('\n');
                out = StandardCharsets.UTF_8.encode(CharBuffer.wrap(sb));
            }
            if (channel.write(out) > 0) progressed = true;
            if (pending()) break;       // the client's socket is full: OP_WRITE tells us when it takes more
        }
        if (!pending()) pendingSince = -1;
        else if (progressed || pendingSince < 0) pendingSince = now;
    }

    void shutdownOutput() throws IOException {
        if (outputShut) return;
        channel.shutdownOutput();
        outputShut = true;
    }

    /** Read while a request is due or being dropped; write while replies wait. */
    void updateInterest() {
        int ops = (phase == Phase.REPLYING ? 0 : SelectionKey.OP_READ) | (pending() ? SelectionKey.OP_WRITE : 0);
        if (key.isValid() && key.interestOps() != ops) key.interestOps(ops);
    }
}
