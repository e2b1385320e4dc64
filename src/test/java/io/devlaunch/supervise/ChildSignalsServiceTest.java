package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services get signals as a shell's children would: SIGQUIT is not blocked (HotSpot blocks it on
 * the thread that spawns), SIGPIPE is not ignored (NuProcess ignores it in the JVM).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class ChildSignalsServiceTest {
    @TempDir
    Path dir;

    @Test
    void aServiceWhoseStopSignalIsQuitStopsOnQuitAndAPipelineEndsWithoutBrokenPipe() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  quitter { command = ["sleep", "300"], stop-signal = QUIT, stop-timeout = 60s }
                  piper { command = "yes | head -1; echo piped; exec sleep 300", health.log = "piped" }
                }
                """)) {
            s.awaitState("quitter", ServiceState.HEALTHY);
            s.awaitState("piper", ServiceState.HEALTHY);
            long quitter = s.pid("quitter");

            // Within the stop future's 20 s, far inside the 60 s stop-timeout: only SIGQUIT can have ended it.
            assertTrue(StopStartTest.stop(s, "quitter"), s.console());
            assertTrue(Fixtures.gone(quitter));
            String console = s.flat();
            assertTrue(console.contains("quitter stopped (by SIGQUIT)"), console);
            assertFalse(console.contains("SIGKILL"), console);

            assertTrue(console.contains("piper | y"), console);
            assertFalse(console.contains("Broken pipe"), console);
        }
    }
}
