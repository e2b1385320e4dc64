package io.devlaunch.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A CLI invocation's end of the control channel: one request, streamed lines, one final answer.
 * Every wait is bounded: the supervisor must answer soon after the connect, and then never be
 * silent for long — while a restart runs it sends a keep-alive every couple of seconds — so a
 * wedged supervisor is reported instead of hanging the terminal. A restart itself may take as long
 * as its services' health timeouts.
 */
public final class ControlClient {
    private static final int MAX_REPLY_BYTES = 1 << 20;

    /**
     * @param firstAnswer connect, send, and the first reply line
     * @param idle the longest silence after that (the server's keep-alive interval is 2 s)
     */
    public record Timeouts(Duration firstAnswer, Duration idle) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(20));
    }

    /** The supervisor did not answer in time; {@code answered} tells whether it had said anything yet. */
    public static final class NoAnswer extends IOException {
        private final boolean answered;

        NoAnswer(String message, boolean answered) {
            super(message);
            this.answered = answered;
        }

        public boolean answered() {
            return answered;
        }
    }

    private ControlClient() {}

    public static Protocol.Done call(Path socket, Protocol.Request request, Consumer<String> lines) throws IOException {
        return call(socket, request, lines, Timeouts.DEFAULT);
    }

    /** The final answer; {@code lines} receives each console line meanwhile. */
    public static Protocol.Done call(Path socket, Protocol.Request request, Consumer<String> lines, Timeouts timeouts) throws IOException {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devlaunch-control-timeout");
            t.setDaemon(true);
            return t;
        });
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Watchdog dog = new Watchdog(c, timeouts.firstAnswer());
            timer.scheduleWithFixedDelay(dog::check, 50, 50, TimeUnit.MILLISECONDS);
            try {
                c.connect(UnixDomainSocketAddress.of(socket));
                IOException unsent = null;
                try {
                    c.write(ByteBuffer.wrap((Protocol.render(request) + "\n").getBytes(StandardCharsets.UTF_8)));
                } catch (ClosedChannelException e) {
                    throw e;
                } catch (IOException e) {
                    unsent = e;     // refused before it read our request ("busy"): its reason is still there to read
                }
                try {
                    return replies(c, dog, timeouts, lines);
                } catch (IOException e) {
                    if (unsent != null && !(e instanceof ClosedChannelException)) throw unsent;
                    throw e;
                }
            } catch (ClosedChannelException e) {      // AsynchronousCloseException too: the watchdog closed it
                if (!dog.fired) throw e;
                throw dog.answered
                        ? new NoAnswer("it sent nothing for " + seconds(timeouts.idle()), true)
                        : new NoAnswer("no answer within " + seconds(timeouts.firstAnswer()), false);
            }
        } finally {
            timer.shutdownNow();
        }
    }

    private static Protocol.Done replies(SocketChannel c, Watchdog dog, Timeouts timeouts, Consumer<String> lines) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            dog.waiting(dog.answered ? timeouts.idle() : null);
            int n = c.read(buf.clear());
            dog.busy();
            if (n < 0) break;
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b != '\n') {
                    if (line.size() >= MAX_REPLY_BYTES) throw new IOException("it sent a reply line over 1 MiB");
                    line.write(b);
                    continue;
                }
                dog.answered = true;
                Protocol.Reply reply = Protocol.parseReply(line.toString(StandardCharsets.UTF_8));
                line.reset();
                if (reply instanceof Protocol.Line l) lines.accept(l.text());   // may block on a paused terminal: not the supervisor's silence
                else if (reply instanceof Protocol.Done d) return d;
            }
        }
        throw new IOException(dog.answered ? "it closed the connection before its final answer" : "it closed the connection without an answer");
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /**
     * Closes the channel when the supervisor has been silent too long, which ends a blocked
     * connect, write or read (AsynchronousCloseException). Only time spent waiting for the
     * supervisor counts: not time spent printing (a paused pager), nor time this process was
     * stopped (Ctrl+Z, a suspended laptop).
     */
    private static final class Watchdog {
        private static final long STOPPED_NANOS = 1_000_000_000L;
        private final SocketChannel channel;
        private long lastCheck = System.nanoTime();     // the timer thread's own
        private volatile long deadline;
        private volatile boolean armed = true;
        volatile boolean answered;
        volatile boolean fired;

        Watchdog(SocketChannel channel, Duration first) {
            this.channel = channel;
            this.deadline = System.nanoTime() + first.toNanos();
        }

        /** Waiting for the supervisor: for {@code idle} from now, or (null) until the first answer's deadline. */
        void waiting(Duration idle) {
            if (idle != null) deadline = System.nanoTime() + idle.toNanos();
            armed = true;
        }

        /** Handling what arrived. */
        void busy() {
            armed = false;
        }

        void check() {
            long now = System.nanoTime();
            long gap = now - lastCheck;
            lastCheck = now;
            if (gap > STOPPED_NANOS) deadline += gap;       // we were stopped, not the supervisor silent
            if (!armed || fired || now - deadline < 0) return;
            fired = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }
    }
}
