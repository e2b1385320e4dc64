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

/**
 * {@code devlaunch attach}'s end of the control channel: the attach request, the supervisor's
 * first reply (bounded in time: a wedged supervisor is reported, not waited for), then replies
 * read on one thread while keys and window sizes are sent from others. No timeout after the
 * first reply: an attached terminal may rightly be silent for hours.
 */
public final class AttachClient implements AutoCloseable {
    private static final int MAX_REPLY_BYTES = 1 << 20;
    private final SocketChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024).flip();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private AttachClient(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects and asks to attach; {@code first} receives the first reply (a {@link Protocol.Done}
     * is a refusal, anything else means attached).
     *
     * @throws ControlClient.NoAnswer when the first reply does not come within {@code firstAnswer}
     */
    public static AttachClient connect(Path socket, String service, Duration firstAnswer,
                                       java.util.function.Consumer<Protocol.Reply> first) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        AttachClient client = new AttachClient(c);
        Thread dog = new Thread(() -> {
            try {
                Thread.sleep(firstAnswer.toMillis());       // interrupted as soon as the answer is in: the timeout itself
                c.close();
            } catch (InterruptedException | IOException e) {
                // answered in time (or closed anyway)
            }
        }, "devlaunch-attach-timeout");
        dog.setDaemon(true);
        dog.start();
        try {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((Protocol.render(new Protocol.AttachRequest(service)) + "\n").getBytes(StandardCharsets.UTF_8)));
            Protocol.Reply reply = client.next();
            dog.interrupt();
            if (reply == null) throw new IOException("it closed the connection without an answer");
            first.accept(reply);
            return client;
        } catch (ClosedChannelException e) {
            c.close();
            throw new ControlClient.NoAnswer("no answer within " + firstAnswer.toSeconds() + "s", false);
        } catch (IOException | RuntimeException e) {
            dog.interrupt();
            c.close();
            throw e;
        }
    }

    /** The next reply, waiting as long as it takes; null when the supervisor closed the connection. */
    public Protocol.Reply next() throws IOException {
        while (true) {
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b != '\n') {
                    if (line.size() >= MAX_REPLY_BYTES) throw new IOException("the supervisor sent a reply line over 1 MiB");
                    line.write(b);
                    continue;
                }
                Protocol.Reply r = Protocol.parseReply(line.toString(StandardCharsets.UTF_8));
                line.reset();
                return r;
            }
            buf.clear();
            int n = channel.read(buf);
            buf.flip();
            if (n < 0) return null;
        }
    }

    /** Sends keys or a window size; whole, in order, from any thread. */
    public synchronized void send(AttachWire.Input in) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((AttachWire.render(in) + "\n").getBytes(StandardCharsets.US_ASCII));
        while (b.hasRemaining()) channel.write(b);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
