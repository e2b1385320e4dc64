package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** `devlaunch up` through the real CLI, for stacks that end by themselves. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class UpCommandTest {
    @TempDir
    Path dir;

    @Test
    void allServicesExitingZeroEndsUpWithExit0AndTheirOutcomes() {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  migrate { command = "echo migrated", restart = no }
                  seed { command = "echo seeded", restart = no, depends-on = [migrate] }
                }
                """);
        CliRun run = CliRun.run(dir, "up");
        assertEquals(0, run.exitCode(), run.transcript());
        String out = run.out().replaceAll(" {2,}", " ");
        assertTrue(out.contains("migrate | migrated"), run.transcript());
        assertTrue(out.indexOf("seed | seeded") > out.indexOf("migrate | migrated"), "a dependency exiting 0 lets dependents start\n" + run.transcript());
        assertTrue(out.contains("every service has ended:"), run.transcript());
        assertFalse(Files.exists(dir.resolve(".devlaunch/supervisor.json")), "records are cleared at the end");
        assertTrue(Files.exists(dir.resolve(".devlaunch/logs/seed.log")));
    }

    @Test
    void theStateFolderAndLogFilesAreOwnerOnlyEvenWhenAnOlderRunLeftThemOpen() throws Exception {
        // Log files hold the services' output (and, under up -d, the dashboard's token): no other local user may read them.
        Path logs = Files.createDirectories(dir.resolve(".devlaunch/logs"));
        Path old = Files.writeString(logs.resolve("seed.log"), "an older run\n");
        Files.setPosixFilePermissions(dir.resolve(".devlaunch"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(logs, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(old, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  migrate { command = "echo migrated", restart = no }
                  seed { command = "echo seeded", restart = no }
                }
                """);
        CliRun run = CliRun.run(dir, "up");
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals("rwx------", mode(dir.resolve(".devlaunch")));
        assertEquals("rwx------", mode(logs));
        assertEquals("rw-------", mode(logs.resolve("migrate.log")), "a new log file");
        assertEquals("rw-------", mode(old), "an older run's log file");
    }

    private static String mode(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aFailingServiceMakesUpExit1() {
        TestFiles.write(dir.resolve("launcher.conf"), "services { bad { command = \"exit 9\", restart = no } }");
        CliRun run = CliRun.run(dir, "up");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("bad exited with code 9"), run.transcript());
    }

    @Test
    void namingServicesStartsThemAndTheirDependenciesOnly() {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  db { command = "echo db-ran", restart = no }
                  api { command = "echo api-ran", restart = no, depends-on = [db] }
                  web { command = "echo web-ran", restart = no, depends-on = [api] }
                }
                """);
        CliRun run = CliRun.run(dir, "up", "api");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("db-ran") && run.out().contains("api-ran"), run.transcript());
        assertFalse(run.out().contains("web-ran"), run.transcript());
    }

    @Test
    void anUnknownServiceIsAUsageErrorWithASuggestion() {
        TestFiles.write(dir.resolve("launcher.conf"), "services { backend { command = x } }");
        CliRun run = CliRun.run(dir, "up", "backnd");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("no service 'backnd'") && run.err().contains("did you mean 'backend'"), run.transcript());
    }

    @Test
    void aLiveSupervisorRecordRefusesASecondUp() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services { a { command = \"echo a\", restart = no } }");
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            long start = other.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            TestFiles.write(dir.resolve(".devlaunch/supervisor.json"), "{\"pid\": " + other.pid() + ", \"startedAt\": " + start + "}");
            CliRun run = CliRun.run(dir, "up");
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("devlaunch is already running for") && run.err().contains("PID " + other.pid()), run.transcript());
        } finally {
            other.destroy();
        }
    }

    @Test
    void aLeftoverControlSocketFileIsClearedNotObeyed() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services { a { command = \"echo a\", restart = no } }");
        TestFiles.write(dir.resolve(".devlaunch/control.sock"), "left by a supervisor that was killed");
        CliRun run = CliRun.run(dir, "up");
        assertEquals(0, run.exitCode(), run.transcript());
        assertFalse(Files.exists(dir.resolve(".devlaunch/control.sock")), "removed when the run ended");
    }

    @Test
    void aStaleSupervisorRecordIsClearedNotObeyed() {
        TestFiles.write(dir.resolve("launcher.conf"), "services { a { command = \"echo a\", restart = no } }");
        TestFiles.write(dir.resolve(".devlaunch/supervisor.json"), "{\"pid\": " + ProcessHandle.current().pid() + ", \"startedAt\": 1}");
        CliRun run = CliRun.run(dir, "up");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("ended without cleaning up"), run.transcript());
    }
}
