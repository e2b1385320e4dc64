package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A service stopped on request, seen from its held public port and from the file watcher. */
@Timeout(90)
class StoppedOnRequestTest {
    @TempDir
    Path dir;

    @Test
    void aProxiedServiceStoppedOnRequestAnswers503SayingHowToStartIt() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services { api {
                  command = %s, port = %d, proxy = true, health.http = "http://127.0.0.1:%d/health"
                } }
                """.formatted(javaCommand(HttpFixture.class, "$PORT"), port, port))) {
            s.awaitState("api", ServiceState.HEALTHY);
            assertTrue(ProxiedServiceTest.request(port).startsWith("HTTP/1.1 200"));
            assertTrue(StopStartTest.stop(s, "api"));
            String answer = ProxiedServiceTest.request(port);
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.contains("stopped on request (`devlaunch start api` starts it again)"), answer);

            assertTrue(StopStartTest.start(s, "api"));
            assertTrue(ProxiedServiceTest.request(port).startsWith("HTTP/1.1 200"), "forwarded again once healthy");
        }
    }

    @Test
    void aFileChangeDoesNotRestartAServiceStoppedOnRequest() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        try (Stack s = Stack.startWatching(dir, """
                services { api { command = "echo started; exec sleep 60", watch = ["app"], watch-debounce = 100ms } }
                """)) {
            s.awaitState("api", ServiceState.HEALTHY);
            assertTrue(StopStartTest.stop(s, "api"));
            int before = s.events.size();
            Files.writeString(dir.resolve("app/main.py"), "print('v2')\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> s.flat().contains(
                    "api changed: app/main.py — not restarting: stopped on request (`devlaunch start api` starts it)"));
            assertEquals(before, s.events.size(), "nothing happened to it: " + s.events);
            assertEquals(ServiceState.STOPPED, s.state("api"));

            assertTrue(StopStartTest.start(s, "api"));
            Files.writeString(dir.resolve("app/main.py"), "print('v3')\n");
            await().atMost(Duration.ofSeconds(20)).until(() -> s.flat().contains("api changed: app/main.py — restarting"));
            s.awaitState("api", ServiceState.HEALTHY);
        }
    }
}
