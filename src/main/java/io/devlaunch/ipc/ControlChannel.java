package io.devlaunch.ipc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The control socket's transport: one selector thread accepts, reads each request line (bounded in
 * size and time) and writes replies without ever blocking, so an idle or stalled client costs a slot
 * and a bounded buffer, never a thread. Requests run on a small elastic pool of workers; one that
 * throws is answered with an error and logged, never lost.
 */
final class ControlChannel implements AutoCloseable {
    /** Runs one request, on a worker thread; it must end with {@link Replies#done}. */
    interface Handler {
        void handle(String request, Replies replies) throws Exception;
    }

    private final ServerSocketChannel server;
    private final Selector selector;
    private final PeerCheck peers;
    private final Limits limits;
    private final Handler handler;
    private final ControlLog log;
    private final ThreadPoolExecutor workers;
    private final Set<Connection> connections = new HashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private final Thread thread;
    private static final long ACCEPT_PAUSE_NANOS = 100_000_000L;

    private final SelectionKey acceptKey;
    private long acceptPausedUntil = -1;
    private volatile int open;      // connections.size(), readable from any thread
    private volatile boolean closing;

    ControlChannel(ServerSocketChannel server, PeerCheck peers, Limits limits, ControlLog log, Handler handler) throws IOException {
        this.server = server;
        this.log = log;
        this.peers = peers;
        this.limits = limits;
        this.handler = handler;
        this.selector = Selector.open();
        this.workers = Workers.create(limits);
        server.configureBlocking(false);
        this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, "devlaunch-control");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!closing) {
                selector.select(timeoutMillis(System.nanoTime()));
                long now = System.nanoTime();
                if (acceptPausedUntil >= 0 && now - acceptPausedUntil >= 0) {
                    acceptPausedUntil = -1;
                    acceptKey.interestOps(SelectionKey.OP_ACCEPT);
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    if (k.channel() == server) accept(now);
                    else if (k.isValid()) guarded((Connection) k.attachment(), now, true);
                }
                selector.selectedKeys().clear();
                for (Connection c : new ArrayList<>(connections)) guarded(c, now, false);
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) log.failed("the control socket stopped; `devlaunch restart` cannot reach this run", e);
        } finally {
            for (Connection c : new ArrayList<>(connections)) {
                c.done(false, "the supervisor is shutting down");
                try {
                    flush(c, System.nanoTime());
                } catch (IOException | RuntimeException ignored) {
                    // best effort: it is closed next either way
                }
                close(c);
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing is left to release
            }
        }
    }

    /** One client's turn; whatever goes wrong with it ends that client only. */
    private void guarded(Connection c, long now, boolean selected) {
        try {
            if (c.phase == Connection.Phase.REPLYING && c.attached != null) c.phase = Connection.Phase.ATTACHED;
            if (selected && c.key.isValid() && c.key.isReadable()) read(c, now);
            if (c.channel.isOpen()) sweep(c, now);
            if (c.channel.isOpen()) flush(c, now);
        } catch (IOException e) {
            close(c);       // the client went away (reset, broken pipe): nothing to tell it
        } catch (RuntimeException e) {
            log.failed("serving a control client failed", e);
            close(c);
        }
    }

    private void accept(long now) {
        while (true) {
            SocketChannel ch;
            try {
                if ((ch = server.accept()) == null) return;
            } catch (IOException e) {
                // Out of file descriptors, most likely: pause accepting, or the ready key would spin this thread.
                if (!closing) log.refused("cannot accept a connection (" + e.getMessage() + "); trying again shortly");
                acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
                acceptKey.interestOps(0);
                return;
            }
            if (connections.size() >= limits.maxConnections()) {
                log.refused("busy: " + limits.maxConnections() + " connections are open; refused one more");
                sayAndClose(ch, "the supervisor is busy: " + limits.maxConnections() + " control connections are open; try again");
                continue;
            }
            Connection c = null;
            try {
                ch.configureBlocking(false);
                c = new Connection(ch, new Outbox(limits.outboxChars()), selector::wakeup, now);
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
                c.deadline = now + limits.requestDeadline().toNanos();
                connections.add(c);
                open = connections.size();
                Optional<String> refusal = peers.refusal(ch);
                if (refusal.isPresent()) refuse(c, now, refusal.get());
            } catch (IOException | RuntimeException e) {
                if (c != null) close(c);
                else sayAndClose(ch, null);
            }
        }
    }

    /** For a connection we will not serve at all: one non-blocking attempt to say why, then close. */
    private static void sayAndClose(SocketChannel ch, String why) {
        try (ch) {
            if (why != null) {
                ch.configureBlocking(false);
                ch.write(java.nio.charset.StandardCharsets.UTF_8.encode(Protocol.render(new Protocol.Done(false, why)) + "\n"));
            }
        } catch (IOException ignored) {
            // it is closed either way
        }
    }

    private void read(Connection c, long now) throws IOException {
        if (c.phase == Connection.Phase.DISCARDING || c.phase == Connection.Phase.ATTACHED) {
            boolean open = c.phase == Connection.Phase.DISCARDING ? c.discard(scratch) : c.readAttached(limits.maxRequestBytes());
            if (!open) close(c);      // gone, discarded enough, or detached
            return;
        }
        if (c.phase != Connection.Phase.READING) return;
        switch (c.readRequest(limits.maxRequestBytes() + 1)) {      // the request and its newline
            case MORE -> { }
            case END -> close(c);       // connected and went: a probe, nothing to answer
            case TOO_LONG -> refuse(c, now, "request refused: longer than " + limits.maxRequestBytes() / 1024
                    + " KiB without a newline (a control request is one short JSON line)");
            case LINE -> dispatch(c, now);
        }
    }

    private void dispatch(Connection c, long now) {
        c.phase = Connection.Phase.REPLYING;
        c.lastTaken = now;
        String request;
        try {
            request = c.request();
        } catch (CharacterCodingException e) {
            log.refused("a request that is not UTF-8 text");
            c.done(false, "request refused: it is not UTF-8 text");
            return;
        }
        try {
            workers.execute(() -> run(c, request));
        } catch (RejectedExecutionException e) {
            c.done(false, "the supervisor is shutting down");
        }
    }

    /** The request boundary: every request is answered, whatever its handler does. */
    private void run(Connection c, String request) {
        try {
            handler.handle(request, c);
        } catch (Throwable t) {
            try {
                log.failed("handling " + brief(request), t);       // first: once answered, the client may look at the log
            } finally {
                c.done(false, "the supervisor failed on this request (" + t + "); this is a bug, and its log has the details");
            }
            if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) throw (Error) t;   // out of memory: not ours to survive
        } finally {
            if (!c.outbox.answered()) {
                log.bug("handling " + brief(request) + " ended without an answer");
                c.done(false, "the supervisor ended this request without an answer (a bug)");
            }
        }
    }

    private void refuse(Connection c, long now, String why) {
        log.refused(why);
        c.phase = Connection.Phase.DISCARDING;
        c.deadline = now + limits.linger().toNanos();
        c.done(false, why);
    }

    private void flush(Connection c, long now) throws IOException {
        c.write(now);
        if (!c.pending() && c.outbox.drained()) {
            if (c.phase != Connection.Phase.DISCARDING) {
                close(c);
                return;
            }
            c.shutdownOutput();     // the client reads our answer, then end of file, while we drop what it still sends
        }
        c.updateInterest();
    }

    /** Deadlines: an idle peer is answered and closed, a stalled one disconnected, a working request keeps its client informed. */
    private void sweep(Connection c, long now) {
        if (c.phase == Connection.Phase.READING && now - c.deadline >= 0) {
            refuse(c, now, "request refused: no complete request line within " + seconds(limits.requestDeadline().toMillis())
                    + " (a control request is one JSON line ending in a newline)");
        } else if (c.phase == Connection.Phase.DISCARDING && now - c.deadline >= 0) {
            close(c);
        } else if (c.pendingSince >= 0 && now - c.pendingSince >= limits.stallLimit().toNanos()) {
            log.refused("disconnected a client that read nothing for " + seconds(limits.stallLimit().toMillis())
                    + " (a paused `devlaunch restart`?); the supervisor carries on");
            close(c);
        } else if (c.phase == Connection.Phase.REPLYING && !c.outbox.finished()
                && now - c.lastTaken >= limits.keepAlive().toNanos()) {
            c.lastTaken = now;      // due again an interval later, sent or not: a queue that is not empty needs no keep-alive
            c.outbox.alive();
        }
    }

    /** How long the selector may wait before some connection's deadline is due; 0 waits for events only. */
    private long timeoutMillis(long now) {
        long next = acceptPausedUntil >= 0 ? acceptPausedUntil - now : Long.MAX_VALUE;
        for (Connection c : connections) {
            if (c.phase == Connection.Phase.READING || c.phase == Connection.Phase.DISCARDING) next = Math.min(next, c.deadline - now);
            else if (!c.outbox.finished()) next = Math.min(next, c.lastTaken + limits.keepAlive().toNanos() - now);
            if (c.pendingSince >= 0) next = Math.min(next, c.pendingSince + limits.stallLimit().toNanos() - now);
        }
        if (next == Long.MAX_VALUE) return 0;
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void close(Connection c) {
        Replies.Attached stream = c.attached;
        if (stream != null && connections.contains(c)) stream.closed();
        connections.remove(c);
        open = connections.size();
        c.outbox.close();
        if (c.key != null) c.key.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // closed is closed
        }
    }

    private static String brief(String request) {
        return request.length() <= 80 ? request : request.substring(0, 80) + "… (" + request.length() + " chars)";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Connections open now (tests watch idle and stalled peers go). */
    int open() {
        return open;
    }

    /** Answers what is open with "shutting down", then stops the I/O thread and the workers. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }
}
