package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** When a service is not healthy, devlaunch says why, from what the OS shows. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class DiagnosisTest {
    @TempDir
    Path dir;

    @Test
    void listeningOnAnotherPortThanTheCheckIsNamed() throws Exception {
        int actual = Fixtures.freePort();
        int checked = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services { api { command = %s, health { http = "http://127.0.0.1:%d/health", timeout = 1500ms } } }
                """.formatted(javaCommand(HttpFixture.class, actual), checked))) {
            s.awaitState("api", ServiceState.FAILED);
            assertTrue(s.flat().contains("why: nothing listens on port " + checked + ", but api listens on 127.0.0.1:" + actual
                    + " — its health check targets " + checked), s.console());
        }
    }

    @Test
    void aPortHeldByAnotherProgramIsNamedWithItsPid() throws Exception {
        int port = Fixtures.freePort();
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try (Stack s = Stack.start(dir, """
                services { api { command = "echo 'OSError: [Errno 98] Address already in use'; sleep 30",
                                 health { http = "http://127.0.0.1:%d/", expect-status = 204, timeout = 3s } } }
                """.formatted(port))) {
            s.awaitState("api", ServiceState.FAILED);
            String flat = s.flat();
            assertTrue(flat.contains("why: port " + port + " is held by another program, PID " + holder.pid()), s.console());
            assertTrue(flat.contains("→ 200: ok (expected 204)"), "what the check actually found\n" + s.console());
            assertTrue(flat.contains("api error: OSError: [Errno 98] Address already in use"), s.console());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void listeningOnTheOtherLoopbackOnlyIsNamed() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services { api { command = %s, health { http = "http://127.0.0.1:%d/", timeout = 1500ms } } }
                """.formatted(javaCommand(HttpFixture.class, port, 0, 200, "::1"), port))) {
            s.awaitState("api", ServiceState.FAILED);
            assertTrue(s.flat().contains("why: api listens on [0:0:0:0:0:0:0:1]:" + port + " only, but the check connects to 127.0.0.1"),
                    s.console());
        }
    }

    @Test
    void aCrashBeforeHealthyShowsTheExitCodeAndTheFirstErrorLine() throws Exception {
        try (Stack s = Stack.start(dir, """
                services { api {
                  command = "echo starting; echo 'Traceback (most recent call last):'; echo 'ImportError: cannot import name app'; exit 1"
                  health.tcp = 1, restart = no
                } }
                """)) {
            s.awaitState("api", ServiceState.EXITED);
            String flat = s.flat();
            assertTrue(flat.contains("api exited with code 1 after"), s.console());
            assertTrue(flat.contains("api error: ImportError: cannot import name app"), "the line naming the error, not \"Traceback\"\n" + s.console());
            assertTrue(flat.contains("│ ImportError: cannot import name app"), s.console());
        }
    }
}
