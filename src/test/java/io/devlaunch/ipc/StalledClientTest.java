package io.devlaunch.ipc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.Chatter;
import io.devlaunch.fixtures.Spray;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A `devlaunch restart` whose output nobody reads (`| less` unscrolled, Ctrl+Z) beside a service
 * that keeps printing: the supervisor carries on — output, log files, the restart itself, other
 * commands — and the stalled client is told what it missed, or dropped once it has stalled too long.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(90)
class StalledClientTest {
    /**
     * A restart streams the restarted service's own lines: web sprays ~3 MB while it starts (far more
     * than a client's buffers hold), then takes 2 s more; chatter keeps printing to its log throughout.
     */
    private static final String STACK = """
            logs.max-size = 1GiB
            services {
              chatter { command = %s }
              web { command = "%s; sleep 2; echo ready; exec sleep 60", health.log = "ready" }
            }
            """.formatted(Fixtures.javaCommand(Chatter.class, 200),      // about 1.4 MB a second
            String.join(" ", Fixtures.javaArgv(Spray.class, List.of(), 250_000)));
    private static final String RESTART_WEB = Protocol.render(new Protocol.RestartRequest(List.of("web"), false, false)) + "\n";

    @TempDir
    Path dir;

    private long chatterLog() throws Exception {
        Path log = dir.resolve(".devlaunch/logs/chatter.log");
        return Files.exists(log) ? Files.size(log) : 0;
    }

    private void awaitLogGrowsBy(long bytes) throws Exception {
        long from = chatterLog();
        await().atMost(Duration.ofSeconds(20)).alias("chatter.log growing by " + bytes + " bytes from " + from)
                .until(() -> chatterLog() > from + bytes);
    }

    @Test
    void aRestartClientThatReadsNothingStallsNothing() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, STACK); RawPeer stalled = RawPeer.connect(h.socket())) {
            h.awaitState("web", ServiceState.HEALTHY);
            h.awaitState("chatter", ServiceState.HEALTHY);
            stalled.send(RESTART_WEB);      // and never reads a byte

            // The restart goes through: web is started again and becomes healthy.
            await().atMost(Duration.ofSeconds(20)).until(() -> h.spawns("web") == 2 && h.state("web") == ServiceState.HEALTHY);
            // Far more output than the client's buffers hold has passed, and it keeps flowing to the log file.
            awaitLogGrowsBy(4_000_000);
            awaitLogGrowsBy(1_000_000);
            // Other commands are answered meanwhile.
            assertEquals(new Protocol.Done(true, "pong"), ControlClient.call(h.socket(), new Protocol.Ping(), l -> { }));
            Protocol.Done second = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("web"), false, false), l -> { });
            assertEquals(new Protocol.Done(true, "restarted"), second);
            assertEquals(3, h.spawns("web"));

            // When it reads at last, it learns what it missed, and gets its answer.
            String got = stalled.readToEnd(Duration.ofSeconds(20));
            assertTrue(got.matches("(?s).*\"line\":\"devlaunch \\| … \\d+ lines skipped: this terminal did not keep up.*"), tail(got));
            assertTrue(got.endsWith("{\"done\":true,\"ok\":true,\"message\":\"restarted\"}\n"), tail(got));
        }
    }

    @Test
    void aClientStalledBeyondTheLimitIsDisconnectedAndTheSupervisorCarriesOn() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, STACK, Limits.DEFAULT.withStallLimit(Duration.ofSeconds(1)));
             RawPeer stalled = RawPeer.connect(h.socket())) {
            h.awaitState("web", ServiceState.HEALTHY);
            h.awaitState("chatter", ServiceState.HEALTHY);
            stalled.send(RESTART_WEB);
            await().atMost(Duration.ofSeconds(20)).alias("the stalled client disconnected").until(() -> h.server.openConnections() == 0);
            String got = stalled.readToEnd(Duration.ofSeconds(10));
            assertFalse(got.contains("\"done\""), "it was cut off, not answered: " + tail(got));
            await().atMost(Duration.ofSeconds(20)).until(() -> h.spawns("web") == 2 && h.state("web") == ServiceState.HEALTHY);
            awaitLogGrowsBy(500_000);
            assertEquals(new Protocol.Done(true, "pong"), ControlClient.call(h.socket(), new Protocol.Ping(), l -> { }));
        }
    }

    private static String tail(String s) {
        return "…" + s.substring(Math.max(0, s.length() - 600));
    }
}
