package io.devlaunch.ipc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A control-socket client that sends whatever a test gives it, byte for byte, and reads what comes back. */
final class RawPeer implements AutoCloseable {
    final SocketChannel channel;

    private RawPeer(SocketChannel channel) {
        this.channel = channel;
    }

    static RawPeer connect(Path socket) throws IOException {
        SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
        c.connect(UnixDomainSocketAddress.of(socket));
        return new RawPeer(c);
    }

    RawPeer send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    RawPeer send(byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) channel.write(b);
        return this;
    }

    /** Sends in the background (the server may stop reading, and a blocked write must not block the test). */
    CompletableFuture<Void> sendInBackground(byte[] bytes) {
        return CompletableFuture.runAsync(() -> {
            try {
                send(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Everything the server sends until it closes the connection; fails if it has not closed within {@code within}. */
    String readToEnd(Duration within) throws Exception {
        CompletableFuture<String> all = CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            try {
                while (channel.read(buf.clear()) >= 0) out.write(buf.array(), 0, buf.position());
            } catch (IOException e) {
                // reset by the server: what arrived before is the answer
            }
            return out.toString(StandardCharsets.UTF_8);
        });
        try {
            return all.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            channel.close();
            throw new AssertionError("the server did not close the connection within " + within, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
