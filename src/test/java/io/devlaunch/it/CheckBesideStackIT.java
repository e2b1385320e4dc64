package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * `check` beside this project's running stack: a string command's shell runs the real server as its
 * child, so the port's holder is a descendant of the recorded PID — and still the project's own.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class CheckBesideStackIT {
    @TempDir
    Path dir;

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    /** A string command as `init` writes them; "; echo" keeps the shell from exec'ing the server, so the server is its child. */
    private static String shellServer(int port) {
        // Unquoted, as a user writes it (the test's paths have no spaces): check reads the program as the first word.
        String argv = String.join(" ", Fixtures.javaArgv(HttpFixture.class, List.of(), port));
        return (argv + "; echo server ended").replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private long holderOf(int port) {
        List<PortHolder> holders = new LinuxPortOwners().holders(port);
        assertEquals(1, holders.size(), holders.toString());
        return holders.get(0).pid().orElseThrow();
    }

    @Test
    void theStacksOwnServiceHoldingItsPortIsNamedAndIsNoProblem() throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { backend { command = "%s", port = %d } }
                """.formatted(shellServer(port), port));
        JarRun.Result up = JarRun.run(dir, "up", "--detach", "--no-dashboard");
        assertEquals(0, up.code(), up.out());
        long server = holderOf(port);

        JarRun.Result check = JarRun.run(dir, "check");
        assertEquals(0, check.code(), check.out());
        assertTrue(check.out().contains("port " + port + " is held by this project's running `backend` (PID " + server + ")"), check.out());
        assertFalse(check.out().contains("will stop it"), check.out());
    }

    @Test
    void aForeignHolderBesideTheRunningStackIsStillAProblem() throws Exception {
        int own = Fixtures.freePort();
        int taken = Fixtures.freePort();
        Process foreign = Fixtures.startForeign(HttpFixture.class, List.of(), taken);
        try {
            TestFiles.write(dir.resolve("launcher.conf"), """
                    services {
                      backend { command = "%s", port = %d }
                      web { command = "sleep 300", port = %d }
                    }
                    """.formatted(shellServer(own), own, taken));
            JarRun.Result up = JarRun.run(dir, "up", "--detach", "--no-dashboard", "backend");
            assertEquals(0, up.code(), up.out());

            JarRun.Result check = JarRun.run(dir, "check");
            assertEquals(1, check.code(), check.out());
            assertTrue(check.out().contains("is held by this project's running `backend` (PID " + holderOf(own) + ")"), check.out());
            assertTrue(check.out().contains("port " + taken + " is held by PID " + foreign.pid()), check.out());
            assertTrue(check.out().contains("`devlaunch up` will stop it"), check.out());
            assertTrue(foreign.isAlive(), "check stops nothing");
        } finally {
            foreign.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
