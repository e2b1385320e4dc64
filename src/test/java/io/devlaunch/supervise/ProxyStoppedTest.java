package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Should devlaunch's proxy ever stop under a run, its service is not "healthy" although its own
 * check (which probes the private port) passes: clients are refused, and status says why.
 */
@Timeout(60)
class ProxyStoppedTest {
    @TempDir
    Path dir;

    @Test
    void aServiceWhoseProxyStoppedIsUnhealthyWithTheReasonAndStaysSo() throws Exception {
        int port = Fixtures.freePort();
        String manifest = """
                services {
                  api {
                    command = %s
                    port = %d
                    proxy = true
                    health.http = "http://127.0.0.1:%d/health"
                  }
                }
                """.formatted(javaCommand(HttpFixture.class, "$PORT"), port, port);
        try (Stack s = Stack.start(dir, manifest, Duration.ofMillis(100))) {
            s.awaitState("api", ServiceState.HEALTHY);
            s.supervisor().heldPorts().stopProxyThread();
            s.awaitState("api", ServiceState.UNHEALTHY, Duration.ofSeconds(10));
            assertTrue(s.flat().contains("api unhealthy: devlaunch's proxy for port " + port + " stopped"), s.flat());
            try (Socket c = new Socket("127.0.0.1", port)) {
                throw new AssertionError("the public port should refuse once its proxy stopped");
            } catch (ConnectException expected) {
                // what a client sees: the reason status gives
            }
            // Its own check keeps passing (several rounds at 100 ms): it does not turn healthy again.
            int changes = s.events.size();
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> s.state("api") == ServiceState.UNHEALTHY);
            assertEquals(changes, s.events.size(), "no transition back to healthy: " + s.events);
        }
    }
}
