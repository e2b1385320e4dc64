package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl+C twice: the first asks for a graceful stop, which a service that ignores SIGTERM turns into
 * a minute's wait; the second must kill every process of it at once and end `up` with 130.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class ForceKillIT {
    private static final long SIGINT_MASK = 1L << 1;      // bit (signal number - 1) of /proc/PID/status masks

    @TempDir
    Path dir;

    private static void sigint(long pid) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor());
    }

    private static boolean ignoresSigint(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) return (Long.parseLong(line.substring(7).trim(), 16) & SIGINT_MASK) != 0;
        }
        throw new AssertionError("no SigIgn line for PID " + pid);
    }

    @Test
    void aSecondCtrlCKillsAServiceThatIgnoresSigtermAtOnceWithItsWholeTree() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  stubborn {
                    command = "trap '' TERM; sleep 300 & echo child=$!; setsid sleep 300 & echo escaped=$!; while true; do sleep 1; done"
                    stop-timeout = 60s
                    health.command = "true"
                  }
                }
                """);
        JarRun.Running up = JarRun.startInterruptible(dir, "up");
        List<ProcessIdentity> tree = new ArrayList<>();
        try {
            // Its own output (not the "starting: … echo escaped=$!" line): printed once the TERM trap is set.
            Pattern escaped = Pattern.compile("stubborn +\\| escaped=(\\d+)");
            await().atMost(Duration.ofSeconds(30)).until(() -> up.text().contains("the service is healthy — Ctrl+C to stop")
                    && escaped.matcher(up.text()).find());
            String out = up.text();
            for (String regex : List.of("healthy in .*; PID (\\d+)\\)", "stubborn +\\| child=(\\d+)", escaped.pattern())) {
                long pid = JarRun.printed(out, regex);
                tree.add(ProcessIdentity.of(pid).orElseThrow(() -> new AssertionError("PID " + pid + " is gone already\n" + out)));
            }
            assertFalse(ignoresSigint(up.process().pid()), "devlaunch must be able to receive Ctrl+C");

            sigint(up.process().pid());
            await().atMost(Duration.ofSeconds(10)).until(() -> up.text().contains("(Ctrl+C again to kill at once)"));
            assertTrue(up.process().isAlive(), "SIGTERM is ignored: the graceful stop waits\n" + up.text());
            for (ProcessIdentity p : tree) assertTrue(p.live().isPresent(), "PID " + p.pid() + " ignored SIGTERM\n" + up.text());

            long before = System.nanoTime();
            sigint(up.process().pid());
            assertTrue(up.process().waitFor(10, TimeUnit.SECONDS), "a second Ctrl+C ends up promptly\n" + up.text());
            Duration took = Duration.ofNanos(System.nanoTime() - before);
            up.reader().join(5000);
            assertEquals(130, up.process().exitValue(), up.text());
            assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took + " (stop-timeout is 60 s)\n" + up.text());
            assertTrue(up.text().contains("killed every process"), up.text());
            await().atMost(Duration.ofSeconds(5)).until(() -> tree.stream().allMatch(p -> p.live().isEmpty()));
            assertTrue(Files.notExists(dir.resolve(".devlaunch/supervisor.json")), "no run record left behind");
        } finally {
            if (up.process().isAlive()) up.process().destroyForcibly();
            tree.forEach(p -> p.live().ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
