package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.supervise.ServiceState;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's end never hangs on a wedged supervisor, and a long restart is kept alive by the server's keep-alives. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ControlClientTest {
    private static final ControlClient.Timeouts SHORT = new ControlClient.Timeouts(Duration.ofMillis(500), Duration.ofMillis(500));

    @TempDir
    Path dir;

    @Test
    void aSupervisorThatNeverAnswersIsReportedNotWaitedFor() throws Exception {
        Path socket = dir.resolve("wedged.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));        // listens, never accepts: connect succeeds, nothing answers
            ControlClient.NoAnswer e = assertThrows(ControlClient.NoAnswer.class,
                    () -> ControlClient.call(socket, new Protocol.Ping(), l -> { }, SHORT));
            assertEquals("no answer within 500ms", e.getMessage());
            assertFalse(e.answered());
        }
    }

    @Test
    void aSupervisorThatFallsSilentMidwayIsReported() throws Exception {
        Path socket = dir.resolve("silent.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            var answering = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try (SocketChannel c = server.accept()) {
                    c.write(ByteBuffer.wrap("{\"line\":\"devlaunch | web stopping\"}\n".getBytes(StandardCharsets.UTF_8)));
                    c.read(ByteBuffer.allocate(1024));      // the request; then silence until the client gives up and closes
                    c.read(ByteBuffer.allocate(1024));
                } catch (java.io.IOException ignored) {
                    // the client closed
                }
            });
            List<String> lines = new ArrayList<>();
            ControlClient.NoAnswer e = assertThrows(ControlClient.NoAnswer.class,
                    () -> ControlClient.call(socket, new Protocol.Ping(), lines::add, SHORT));
            assertEquals("it sent nothing for 500ms", e.getMessage());
            assertTrue(e.answered());
            assertEquals(List.of("devlaunch | web stopping"), lines);
            answering.get();
        }
    }

    @Test
    void keepAlivesCarryARestartThroughSilenceLongerThanTheClientsIdleTimeout() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, """
                services { web { command = "sleep 2; echo ready; exec sleep 60", health.log = "ready" } }
                """, Limits.DEFAULT.withKeepAlive(Duration.ofMillis(100)))) {
            h.awaitState("web", ServiceState.HEALTHY);
            Protocol.Done d = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("web"), false, false), l -> { },
                    new ControlClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)));
            assertEquals(new Protocol.Done(true, "restarted"), d);
        }
    }

    @Test
    void aClientPausedOnItsOwnOutputIsNotTakenForASilentSupervisor() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, """
                services { web { command = "sleep 1; echo ready; exec sleep 60", health.log = "ready" } }
                """)) {
            h.awaitState("web", ServiceState.HEALTHY);
            java.util.concurrent.atomic.AtomicBoolean paused = new java.util.concurrent.atomic.AtomicBoolean(true);
            // The first line "prints" to a terminal that is paused until the restart is over (a pager nobody scrolls).
            Protocol.Done d = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("web"), false, false), l -> {
                if (paused.getAndSet(false)) {
                    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                            .until(() -> h.spawns("web") == 2 && h.state("web") == ServiceState.HEALTHY);
                }
            }, new ControlClient.Timeouts(Duration.ofSeconds(5), Duration.ofMillis(500)));
            assertEquals(new Protocol.Done(true, "restarted"), d);
        }
    }

    @Test
    void connectionsBeyondTheLimitAreToldTheSupervisorIsBusy() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, ControlServerTest.WEB, Limits.DEFAULT.withMaxConnections(2));
             RawPeer one = RawPeer.connect(h.socket());
             RawPeer two = RawPeer.connect(h.socket())) {
            org.awaitility.Awaitility.await().until(() -> h.server.openConnections() == 2);
            Protocol.Done busy = ControlClient.call(h.socket(), new Protocol.Ping(), l -> { });
            assertEquals(new Protocol.Done(false, "the supervisor is busy: 2 control connections are open; try again"), busy);
            one.close();
            org.awaitility.Awaitility.await().until(() -> h.server.openConnections() == 1);
            assertEquals(new Protocol.Done(true, "pong"), ControlClient.call(h.socket(), new Protocol.Ping(), l -> { }));
        }
    }
}
