package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `up --detach` says about its background supervisor is what then is: one that "keeps running
 * for inspection" runs, and `status` explains the failure from it; one that ended is said to have.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DetachFateIT {
    private static final Pattern HELD = Pattern.compile("the supervisor \\(PID (\\d+)\\) keeps running for inspection");

    @TempDir
    Path dir;

    private JarRun.Result devlaunch(String... args) throws Exception {
        return JarRun.run(dir, args);
    }

    @AfterEach
    void downWhateverIsLeft() throws Exception {
        devlaunch("down");
    }

    /** The repro: the only service never passes its health check, so every service has settled. */
    @Test
    void aStackWhoseOnlyServiceFailedIsHeldForStatusAndDown() throws Exception {
        int port = Fixtures.freePort();       // nothing will listen there
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { idle { command = "sleep 300", health { tcp = "127.0.0.1:%d", timeout = 2s } } }
                """.formatted(port));
        JarRun.Result up = devlaunch("up", "--detach", "--no-dashboard");
        assertEquals(1, up.code(), up.out());
        Matcher m = HELD.matcher(up.out());
        assertTrue(m.find(), "says the supervisor stays\n" + up.out());
        long supervisor = Long.parseLong(m.group(1));
        assertTrue(up.out().contains("idle did not come up"), "names the service\n" + up.out());
        assertFalse(up.out().contains("supervisor ended"), up.out());
        assertTrue(ProcessHandle.of(supervisor).map(ProcessHandle::isAlive).orElse(false), "it does keep running\n" + up.out());

        JarRun.Result status = devlaunch("status");
        assertEquals(1, status.code(), status.out());
        assertTrue(status.out().contains("supervisor running (PID " + supervisor + ")"), status.out());
        assertTrue(status.out().matches("(?s).*idle +failed.*"), status.out());
        assertTrue(status.out().contains("TCP connect to 127.0.0.1:" + port + " never passed"), "the reason the supervisor found\n" + status.out());
        JarRun.Result json = devlaunch("status", "--json");
        assertTrue(json.out().contains("\"state\":\"failed\"") && json.out().contains("never passed"), json.out());
        assertTrue(json.out().contains("\"running\":true"), json.out());

        JarRun.Result logs = devlaunch("logs");
        assertEquals(0, logs.code(), logs.out());

        JarRun.Result down = devlaunch("down");
        assertEquals(0, down.code(), down.out());
        assertTrue(Fixtures.gone(supervisor), down.out());
        assertTrue(Files.notExists(dir.resolve(".devlaunch/supervisor.json")), "no run records left after down");
    }

    /** A failed service beside one that runs: the same words, the same state. */
    @Test
    void aFailedServiceBesideARunningOneIsHeldTheSameWay() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  broken { command = "echo 'ImportError: no module named app'; exit 3", restart = no }
                  steady { command = "sleep 300" }
                }
                """);
        JarRun.Result up = devlaunch("up", "--detach", "--no-dashboard");
        assertEquals(1, up.code(), up.out());
        Matcher m = HELD.matcher(up.out());
        assertTrue(m.find(), up.out());
        assertTrue(up.out().contains("broken did not come up"), up.out());
        JarRun.Result status = devlaunch("status");
        assertTrue(status.out().contains("supervisor running (PID " + m.group(1) + ")"), status.out());
        assertTrue(status.out().matches("(?s).*broken +exited.*"), status.out());
    }

    /** One-shot tasks that all exit 0: the supervisor ends by itself, and up --detach says so instead of "running". */
    @Test
    void tasksThatAllExit0EndTheSupervisorAndSayNothingIsLeftRunning() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  migrate { command = "echo migrated", restart = no }
                  seed { command = "echo seeded", restart = no, depends-on = [migrate] }
                }
                """);
        JarRun.Result up = devlaunch("up", "--detach", "--no-dashboard");
        assertEquals(0, up.code(), up.out());
        assertTrue(up.out().contains("every service exited 0; nothing is left running"), up.out());
        assertFalse(up.out().contains("running in the background"), up.out());
        JarRun.Result status = devlaunch("status");
        assertTrue(status.out().contains("no supervisor running"), status.out());
    }
}
