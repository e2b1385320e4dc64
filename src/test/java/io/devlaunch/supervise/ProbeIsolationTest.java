package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * One service's stuck health check must not slow anyone else's: a fast service beside an HTTP check
 * whose server accepts and never answers, and a command check that sleeps, is healthy about as soon
 * as it is alone — and the stuck command is killed, whole tree, when its per-attempt budget ends.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ProbeIsolationTest {
    /** Generous: the fast service is a fresh JVM on a shared 2-core machine; a starved prober cost seconds. */
    private static final long SLACK_MS = 1000;

    @TempDir
    Path dir;

    /** A server that takes every connection and never says a word, until closed. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket server;
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final Thread acceptor;

        SilentServer() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
            acceptor = new Thread(() -> {
                try {
                    while (true) held.add(server.accept());
                } catch (IOException closed) {
                    // closed by the test: done
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : held) s.close();
        }
    }

    private static String fastService(int port) {
        return "fast { command = %s, health.http = \"http://127.0.0.1:%d/\" }".formatted(javaCommand(HttpFixture.class, port), port);
    }

    /** The fast service's "healthy in 0.84s" as milliseconds. */
    private static long readyMs(Stack s) {
        StateChange healthy = s.events.stream().filter(c -> c.service().equals("fast") && c.to() == ServiceState.HEALTHY)
                .findFirst().orElseThrow();
        Matcher m = Pattern.compile("healthy in (\\d+)\\.(\\d\\d)s").matcher(healthy.detail());
        assertTrue(m.find(), healthy.detail());
        return Long.parseLong(m.group(1)) * 1000 + Long.parseLong(m.group(2)) * 10;
    }

    private long fastAlone() throws Exception {
        Path d = Files.createDirectories(dir.resolve("alone"));
        try (Stack s = Stack.start(d, "services { " + fastService(Fixtures.freePort()) + " }")) {
            s.awaitState("fast", ServiceState.HEALTHY);
            return readyMs(s);
        }
    }

    @Test
    void aFastServiceIsHealthyAsSoonBesideTwoStuckChecksAsAloneAndTheStuckCommandIsKilledAtItsBudget() throws Exception {
        long alone = fastAlone();
        Path d = Files.createDirectories(dir.resolve("beside"));
        // The check's shell and a grandchild it waits for: both must be gone when the budget ends.
        String stuckCommand = "echo $$ > check.pid; sleep 300 & echo $! > grandchild.pid; wait";
        try (SilentServer silent = new SilentServer();
             Stack s = Stack.start(d, """
                     services {
                       %s
                       stuck-http { command = "sleep 120", health { http = "http://127.0.0.1:%d/health", timeout = 60s } }
                       stuck-command { command = "sleep 120", health { command = ["sh", "-c", "%s"], timeout = 60s } }
                     }
                     """.formatted(fastService(Fixtures.freePort()), silent.port(), stuckCommand))) {
            s.awaitState("fast", ServiceState.HEALTHY);
            long beside = readyMs(s);
            System.out.println("[ProbeIsolationTest] fast service healthy in " + alone + " ms alone, " + beside
                    + " ms beside a silent HTTP server and a sleeping command check");
            assertTrue(beside <= alone + SLACK_MS, "healthy in " + beside + " ms beside two stuck checks, " + alone
                    + " ms alone: their probes held up its own\n" + s.console());
            assertEquals(ServiceState.STARTING, s.state("stuck-http"));
            assertEquals(ServiceState.STARTING, s.state("stuck-command"));
            assertTrue(silent.held.size() >= 1, "the silent server was really probed");

            // The first attempt of the sleeping check: killed, grandchild included, once its budget ends.
            long check = readPid(d.resolve("check.pid"));
            long grandchild = readPid(d.resolve("grandchild.pid"));
            Duration budget = io.devlaunch.health.CommandCheck.BUDGET;
            await("the stuck check's shell " + check + " and its sleep " + grandchild + " killed at the "
                    + budget.toSeconds() + " s budget")
                    .atMost(budget.plusSeconds(3)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Fixtures.gone(check) && Fixtures.gone(grandchild));
        }
    }

    private static long readPid(Path file) {
        await("the check wrote " + file.getFileName()).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file) && Files.readString(file).strip().matches("\\d+"));
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
