package io.devlaunch.ipc;

import com.typesafe.config.Config;
import io.devlaunch.runstate.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** A CLI invocation's end of the control channel: one request, streamed lines, one final answer. */
public final class ControlClient {
    private ControlClient() {}

    /** The final reply; {@code lines} receives each progress line meanwhile. */
    public static Config call(Path socket, Map<String, ?> request, Consumer<String> lines) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((Json.render(request) + "\n").getBytes(StandardCharsets.UTF_8)));
            BufferedReader in = new BufferedReader(Channels.newReader(c, StandardCharsets.UTF_8));
            for (String reply; (reply = in.readLine()) != null; ) {
                Config m = Json.parse(reply);
                if (m.hasPath("line")) lines.accept(m.getString("line"));
                if (m.hasPath("done")) return m;
            }
            throw new IOException("the supervisor closed the connection without an answer");
        }
    }
}
