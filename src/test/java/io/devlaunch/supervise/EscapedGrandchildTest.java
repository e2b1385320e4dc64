package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grandchild that leaves the service's group and session (setsid), ignores SIGTERM and keeps the
 * service's output pipe open: once the leader is gone, no tree walk from it finds the grandchild,
 * and a stop waited for the pipe forever (until a second Ctrl+C). It is stopped with its service.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class EscapedGrandchildTest {
    @TempDir
    Path dir;

    @Test
    void aStopEndsWhenTheServicesProcessesAreGoneEvenAnEscapedOne() throws Exception {
        long grandchild = -1;
        try (Stack s = Stack.start(dir, """
                services {
                  web { command = "setsid sh -c 'trap \\"\\" TERM; echo escaped=$$; while :; do sleep 0.2; done' & exec sleep 300",
                        stop-timeout = 1s }
                }
                """)) {
            s.awaitState("web", ServiceState.HEALTHY);      // its 1 s settle: the periodic check has seen the grandchild
            await().atMost(Duration.ofSeconds(10)).until(() -> s.printed("escaped").isPresent());
            grandchild = s.printed("escaped").orElseThrow();
            long t0 = System.nanoTime();
            assertTrue(s.supervisor().stopServices(List.of("web")).get(20, TimeUnit.SECONDS), s.console());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 6_000, "stopped in " + ms + " ms (stop-timeout 1 s)\n" + s.console());
            long gc = grandchild;
            await().atMost(Duration.ofSeconds(5)).until(() -> Fixtures.gone(gc));
            // The leader itself ended by SIGTERM (said as such); the escaped grandchild needed the SIGKILL, said before it.
            assertTrue(s.flat().contains("web did not stop within 1s of SIGTERM — sending SIGKILL to its process tree"), s.console());
        } finally {
            if (grandchild > 0) ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
