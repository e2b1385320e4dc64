package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * `up --detach` whose background supervisor dies before the stack is healthy — killed, or refusing to
 * start — must not wait for a verdict that will never come: exit 1 at once, pointing at the log.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class DetachEarlyExitIT {
    @TempDir
    Path dir;

    private Optional<ProcessIdentity> supervisorRecord() {
        try {
            Config c = Json.parse(Files.readString(dir.resolve(".devlaunch/supervisor.json")));
            return Optional.of(new ProcessIdentity(c.getLong("pid"), c.getLong("startedAt")));
        } catch (Exception e) {
            return Optional.empty();       // not written yet (or half written)
        }
    }

    private static void assertToldAboutTheLog(JarRun.Running up) {
        String out = up.text();
        assertEquals(1, up.process().exitValue(), out);
        assertTrue(out.contains("the background supervisor ended"), out);
        assertTrue(out.contains(".devlaunch/logs/supervisor.log"), "names the supervisor's log\n" + out);
    }

    @Test
    void aSupervisorKilledWhileItsServiceStartsEndsDetachAtOnceWithExit1() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  slow { command = "echo pid=$$; exec sleep 300", health { command = "test -f never", timeout = 60s } }
                }
                """);
        JarRun.Running up = JarRun.start(dir, "up", "--detach");
        List<ProcessIdentity> started = new ArrayList<>();
        try {
            // The supervisor has recorded itself and spawned the service, which will not be healthy for a minute.
            // its output, not the "starting: echo pid=$$" line
            Pattern servicePid = Pattern.compile("slow +\\| pid=(\\d+)");
            await().atMost(Duration.ofSeconds(30)).until(() -> servicePid.matcher(up.text()).find()
                    && supervisorRecord().isPresent());
            ProcessIdentity supervisor = supervisorRecord().orElseThrow();
            Matcher m = servicePid.matcher(up.text());
            assertTrue(m.find(), up.text());
            ProcessIdentity.of(Long.parseLong(m.group(1))).ifPresent(started::add);
            long supervisorPid = supervisor.live().orElseThrow(()
                    -> new AssertionError("the supervisor is gone already\n" + up.text())).pid();
            started.add(supervisor);

            assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(supervisorPid)).start().waitFor());
            long killed = System.nanoTime();
            assertTrue(up.process().waitFor(5, TimeUnit.SECONDS), "up --detach must notice its supervisor died\n"
                    + up.text());
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            up.reader().join(5000);
            assertToldAboutTheLog(up);
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took + "\n" + up.text());
        } finally {
            if (up.process().isAlive()) up.process().destroyForcibly();
            // The SIGKILLed supervisor could not stop its service: clean up after it, by PID and start time.
            started.forEach(p -> p.live().ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void aSupervisorThatRefusesToStartEndsDetachAtOnceWithItsReason() throws Exception {
        int port = Fixtures.freePort();
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try {
            TestFiles.write(dir.resolve("launcher.conf"), """
                    kill-stale = false
                    services { api { command = %s, port = %d } }
                    """.formatted(Fixtures.javaCommand(HttpFixture.class, port), port));
            JarRun.Running up = JarRun.start(dir, "up", "--detach");
            try {
                assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), "up --detach must end\n" + up.text());
                up.reader().join(5000);
                assertToldAboutTheLog(up);
                assertTrue(up.text().contains("port " + port + " (api) is held by PID " + holder.pid()),
                        "the reason is echoed\n" + up.text());
                assertTrue(up.text().contains("(kill-stale = false)"), up.text());
                assertTrue(holder.isAlive(), "kill-stale = false: the holder was left alone");
                assertTrue(supervisorRecord().isEmpty(), "no supervisor record left behind");
            } finally {
                if (up.process().isAlive()) up.process().destroyForcibly();
            }
        } finally {
            holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
