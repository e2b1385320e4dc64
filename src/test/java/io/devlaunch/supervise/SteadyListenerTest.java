package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.FlickerListener;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TCP check passes only on a listener that stays: a port checker that binds and releases the
 * port (detect-port) before the real server starts once made "healthy in 2.40s" come before
 * "Starting the development server…", and dependents start early.
 */
@Timeout(60)
class SteadyListenerTest {
    @TempDir
    Path dir;

    @Test
    void aListenerThatComesAndGoesIsNotHealthy() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  web { command = %s, health.tcp = "127.0.0.1:%d" }
                  after { command = "echo dependent-started; exec sleep 60", depends-on = [web] }
                }
                """.formatted(Fixtures.javaCommand(FlickerListener.class, port, 2_000), port))) {
            s.awaitState("web", ServiceState.HEALTHY, Duration.ofSeconds(30));
            String console = s.console();
            int real = console.indexOf("real server listening");
            int healthy = console.indexOf("web   healthy in");
            assertTrue(real >= 0 && healthy > real, "healthy only once the real server listens:\n" + console);
            s.awaitState("after", ServiceState.HEALTHY, Duration.ofSeconds(10));
            assertTrue(s.console().indexOf("dependent-started") > real, s.console());
        }
    }
}
