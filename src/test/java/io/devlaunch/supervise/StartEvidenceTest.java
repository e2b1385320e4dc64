package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** What a starting service says and does is evidence: used at once, not after the whole health timeout. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class StartEvidenceTest {
    @TempDir
    Path dir;

    /**
     * nodemon prints EADDRINUSE and keeps running, waiting for a change: the health timeout (60 s) is
     * not waited out. (The foreign holder accepts and never answers, so the HTTP check cannot pass through it.)
     */
    @Test
    void aPortTakenLineFailsTheStartNamingTheHolder() throws Exception {
        try (ServerSocket foreign = new ServerSocket()) {
            foreign.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = foreign.getLocalPort();
            long started = System.nanoTime();
            try (Stack s = Stack.start(dir, """
                    services {
                      web { command = "echo 'Error: listen EADDRINUSE: address already in use :::%d'; exec sleep 60", port = %d,
                            health { http = "http://127.0.0.1:%d/health", timeout = 60s } }
                    }
                    """.formatted(port, port, port))) {
                s.awaitState("web", ServiceState.FAILED, Duration.ofSeconds(20));
                long took = (System.nanoTime() - started) / 1_000_000;
                String flat = s.flat();
                assertTrue(flat.contains("web FAILED: it said \"Error: listen EADDRINUSE: address already in use :::" + port + "\" — port "
                        + port + " is held by PID " + ProcessHandle.current().pid()), flat);
                assertTrue(took < 20_000, "failed in " + took + " ms, not after the 60 s health timeout");
            }
        }
    }

    /** Create React App's "Something is already running on port 3000" exits 0: no success for a service with a port. */
    @Test
    void aServiceWithAPortThatExitsZeroBeforeHealthyFails() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  web { command = "echo 'Something is already running on port %d.'; exit 0", port = %d, restart = no }
                  after { command = "echo should-not-start; exec sleep 60", depends-on = [web] }
                }
                """.formatted(port, port))) {
            s.awaitState("web", ServiceState.FAILED, Duration.ofSeconds(20));
            String flat = s.flat();
            assertTrue(flat.contains("web FAILED: exited with code 0 before it was ever healthy — a service that owns port " + port
                    + " must keep running"), flat);
            assertTrue(flat.contains("Something is already running on port " + port), "its last lines: " + flat);
            assertTrue(!flat.contains("should-not-start"), "its dependent did not start: " + flat);
        }
    }
}
