package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The request boundary: whatever a handler does — overflow its stack, throw, forget to answer — the client gets an error line, the log gets the story, and the next request is served. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(30)
class ControlChannelTest {
    @TempDir
    Path dir;

    private Path socket;
    private ServerSocketChannel server;
    private ControlChannel channel;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream realErr;

    @BeforeEach
    void listen() throws Exception {
        socket = dir.resolve("c.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        // The supervisor's log is SLF4J simple on stderr, looked up at each write: capture it for these tests.
        realErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        channel = new ControlChannel(server, PeerCheck.ownerOf(socket), Limits.DEFAULT, new ControlLog(), (request, replies) -> {
            switch (request) {
                case "overflow" -> recurse(0);
                case "throw" -> throw new IllegalStateException("a handler bug");
                case "forget" -> replies.line("said something, answered nothing");
                default -> {
                    lines.add(request);
                    replies.done(true, "fine");
                }
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        System.setErr(realErr);
        channel.close();
        server.close();
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private String ask(String request) throws Exception {
        try (RawPeer p = RawPeer.connect(socket)) {
            p.send(request + "\n");
            return p.readToEnd(Duration.ofSeconds(10));
        }
    }

    private String log() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aStackOverflowInAHandlerIsAnsweredAndLoggedInOneLine() throws Exception {
        String reply = ask("overflow");
        assertTrue(reply.startsWith("{\"done\":true,\"ok\":false,\"message\":\"the supervisor failed on this request "
                + "(java.lang.StackOverflowError); this is a bug"), reply);
        assertTrue(log().contains("control socket: handling overflow (a bug; please report it): java.lang.StackOverflowError at "), log());
        assertTrue(log().lines().count() < 5, "no thousand-frame trace:\n" + log());
        assertEquals("{\"done\":true,\"ok\":true,\"message\":\"fine\"}\n", ask("next"));
    }

    @Test
    void aThrowingHandlerIsAnsweredAndLoggedWithItsTrace() throws Exception {
        String reply = ask("throw");
        assertTrue(reply.contains("\"ok\":false") && reply.contains("java.lang.IllegalStateException: a handler bug"), reply);
        assertTrue(log().contains("control socket: handling throw (a bug; please report it)")
                && log().contains("at io.devlaunch.ipc.ControlChannelTest"), log());
        assertEquals("{\"done\":true,\"ok\":true,\"message\":\"fine\"}\n", ask("next"));
    }

    @Test
    void aHandlerThatForgetsToAnswerStillEndsWithAnAnswer() throws Exception {
        assertEquals("{\"line\":\"said something, answered nothing\"}\n"
                + "{\"done\":true,\"ok\":false,\"message\":\"the supervisor ended this request without an answer (a bug)\"}\n", ask("forget"));
        assertTrue(log().contains("control socket: handling forget ended without an answer (a bug; please report it)"), log());
        assertEquals(List.of(), lines);
        assertEquals("{\"done\":true,\"ok\":true,\"message\":\"fine\"}\n", ask("next"));
        assertEquals(List.of("next"), lines);
    }
}
