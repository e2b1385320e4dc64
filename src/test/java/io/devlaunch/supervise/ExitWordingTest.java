package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.process.Exit;
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
 * Exits reported as they were: a code is a code, a signal is named only when the OS reports the
 * process signalled, a service's own exit during a stop is said as such, and a start asked for
 * leaves the fresh instance with no last exit. Real processes, real signals.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class ExitWordingTest {
    @TempDir
    Path dir;

    private static ServiceStatus status(Stack s, String name) throws Exception {
        return s.supervisor().status().get(5, TimeUnit.SECONDS).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private static void kill(long pid, String signal) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor());
    }

    @Test
    void exitsByThemselvesAreCodesAndSignalsAsTheOsReportsThem() throws Exception {
        try (Stack s = Stack.start(dir, """
                defaults.restart = no
                services {
                  zero    { command = "exit 0" }
                  one     { command = "exit 1" }
                  own137  { command = "exit 137" }
                  killed  { command = ["sleep", "60"] }
                  termed  { command = ["sleep", "60"] }
                }
                """)) {
            s.awaitState("killed", ServiceState.HEALTHY);
            s.awaitState("termed", ServiceState.HEALTHY);
            kill(s.pid("killed"), "KILL");
            kill(s.pid("termed"), "TERM");
            for (String n : List.of("zero", "one", "own137", "killed", "termed")) s.awaitState(n, ServiceState.EXITED);
            String flat = s.flat();
            assertTrue(flat.matches("(?s).*zero exited with code 0 after .*"), flat);
            assertTrue(flat.matches("(?s).*one +exited with code 1 after .*"), flat);
            assertTrue(flat.matches("(?s).*own137 +exited with code 137 after .*"), "a shell's exit 137 is no SIGKILL\n" + flat);
            assertTrue(flat.matches("(?s).*killed +killed by SIGKILL after .*"), flat);
            assertTrue(flat.matches("(?s).*termed +killed by SIGTERM after .*"), flat);
            assertEquals(Exit.code(137), status(s, "own137").lastExit());
            assertEquals(Exit.signal(9), status(s, "killed").lastExit());
            assertTrue(!flat.contains("exited with code 9") && !flat.contains("exited with code 15"), flat);
        }
    }

    @Test
    void aStopSaysHowItEndedAndLeavesNoLastExit() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  polite   { command = ["sleep", "60"] }
                  exitsOne { command = "trap 'exit 1' TERM; while true; do sleep 0.05; done" }
                  stubborn { command = "trap '' TERM; while true; do sleep 0.05; done", stop-timeout = 1s }
                }
                """)) {
            for (String n : List.of("polite", "exitsOne", "stubborn")) s.awaitState(n, ServiceState.HEALTHY);
            assertTrue(s.supervisor().stopServices(List.of("polite", "exitsOne", "stubborn")).get(30, TimeUnit.SECONDS));
            String flat = s.flat();
            assertTrue(flat.contains("polite stopped (by SIGTERM)"), flat);
            assertTrue(flat.contains("exitsOne stopped (exited 1 after SIGTERM)"), "not 'by SIGHUP'\n" + flat);
            assertTrue(flat.contains("stubborn stopped (by SIGKILL)"), flat);
            for (String n : List.of("polite", "exitsOne", "stubborn")) assertNull(status(s, n).lastExit(), n + ": a stop is no crash");
        }
    }

    @Test
    void aRestartAskedForGivesAFreshInstanceWithNoLastExit() throws Exception {
        // Crashes once (exit 3), then stays up: the instance restarted by policy keeps the crash as its last exit.
        try (Stack s = Stack.start(dir, """
                services { flaky { command = "if [ -f crashed ]; then exec sleep 60; else touch crashed; exit 3; fi", restart = on-failure } }
                """)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> status(s, "flaky").state() == ServiceState.HEALTHY
                    && status(s, "flaky").restarts() == 1);
            assertEquals(Exit.code(3), status(s, "flaky").lastExit(), "restarted after a crash: the crash is its last exit");
            assertTrue(s.restart(List.of("flaky"), false, () -> { }));
            ServiceStatus fresh = status(s, "flaky");
            assertEquals(ServiceState.HEALTHY, fresh.state());
            assertNull(fresh.lastExit(), "restarted on request: no last exit, not the stop's SIGTERM");
            assertTrue(s.flat().contains("flaky stopped (by SIGTERM)"), "the stop's outcome is said once: " + s.flat());
        }
    }
}
