package io.devlaunch.commands;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `devlaunch clean` on real files, real records and real processes. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class CleanTest {
    @TempDir
    Path dir;
    @TempDir
    Path outside;

    private Path project() {
        return dir.resolve("project");
    }

    @Test
    void deletesCleanPathsInsideTheRootButRefusesEscapes() throws Exception {
        Path root = project();
        TestFiles.write(root.resolve("backend/dev.db"), "data");
        TestFiles.write(root.resolve("backend/__pycache__/m.pyc"), "x");
        TestFiles.write(dir.resolve("sibling.txt"), "not ours");
        TestFiles.write(outside.resolve("precious/file.txt"), "keep me");
        Files.createSymbolicLink(root.resolve("linked"), outside.resolve("precious"));
        TestFiles.write(root.resolve("launcher.conf"), """
                services { api {
                  command = "x"
                  clean = ["backend/dev.db", "backend/__pycache__", "../sibling.txt", "%s", "linked/file.txt", "linked", "missing.db"]
                } }
                """.formatted(outside.resolve("precious/file.txt")));
        CliRun run = CliRun.run(root, "clean", "--yes");
        assertEquals(1, run.exitCode(), "refusals make it exit 1\n" + run.transcript());
        assertFalse(Files.exists(root.resolve("backend/dev.db")), run.transcript());
        assertFalse(Files.exists(root.resolve("backend/__pycache__")), run.transcript());
        assertTrue(Files.exists(dir.resolve("sibling.txt")), "../ is refused");
        assertTrue(Files.exists(outside.resolve("precious/file.txt")), "absolute paths outside and paths through links out are refused");
        assertFalse(Files.exists(root.resolve("linked"), java.nio.file.LinkOption.NOFOLLOW_LINKS), "the link itself may go");
        String out = run.out();
        assertTrue(out.contains("refused to delete ../sibling.txt (api): it is outside the project root"), run.transcript());
        assertTrue(out.contains("refused to delete linked/file.txt (api): a symlink on its way leads out of the project root"), run.transcript());
        assertTrue(out.contains("deleted backend/dev.db"), run.transcript());
        assertTrue(out.contains("missing.db (api): not there"), run.transcript());
    }

    @Test
    void withoutYesAndWithoutATerminalDeletionsAreSkippedAndListed() {
        Path root = project();
        TestFiles.write(root.resolve("dev.db"), "data");
        TestFiles.write(root.resolve("launcher.conf"), "services { api { command = x, clean = [dev.db] } }");
        CliRun run = CliRun.run(root, "clean");
        assertEquals(1, run.exitCode(), "the reset did not happen: scripts must notice\n" + run.transcript());
        assertTrue(Files.exists(root.resolve("dev.db")));
        assertTrue(run.out().contains("skipped deleting dev.db (pass --yes"), run.transcript());
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Path root = project();
        int port = Fixtures.freePort();
        TestFiles.write(root.resolve("dev.db"), "data");
        TestFiles.write(root.resolve(".devlaunch/supervisor.json"), "{\"pid\": 999999999, \"startedAt\": 1}");
        TestFiles.write(root.resolve("launcher.conf"), "services { api { command = x, port = %d, clean = [dev.db] } }".formatted(port));
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try {
            CliRun run = CliRun.run(root, "clean", "--dry-run", "--yes");
            assertEquals(0, run.exitCode(), run.transcript());
            assertTrue(run.out().contains("port " + port + " (api): held by PID " + holder.pid()) && run.out().contains("would stop it"),
                    run.transcript());
            assertTrue(run.out().contains("would delete dev.db"), run.transcript());
            assertTrue(run.out().contains("would remove .devlaunch/supervisor.json"), run.transcript());
            assertTrue(holder.isAlive());
            assertTrue(Files.exists(root.resolve("dev.db")));
            assertTrue(Files.exists(root.resolve(".devlaunch/supervisor.json")));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aRecordedPidWhoseStartTimeNoLongerMatchesIsLeftAlone() throws Exception {
        Path root = project();
        Process reused = new ProcessBuilder("sleep", "30").start();     // plays a process that got a recorded PID later
        try {
            long realStart = reused.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            TestFiles.write(root.resolve("launcher.conf"), "services { api { command = x } }");
            TestFiles.write(root.resolve(".devlaunch/supervisor.json"), "{\"pid\": 999999999, \"startedAt\": 1}");
            TestFiles.write(root.resolve(".devlaunch/dashboard.json"), "{\"pid\": 999999999, \"port\": 1, \"url\": \"x\"}");
            TestFiles.write(root.resolve(".devlaunch/services.json"), """
                    {"services": [{"name": "api", "pid": %d, "startedAt": %d}]}
                    """.formatted(reused.pid(), realStart - 60_000));
            CliRun run = CliRun.run(root, "clean");
            assertEquals(0, run.exitCode(), run.transcript());
            assertTrue(reused.isAlive(), "a reused PID is never hit\n" + run.transcript());
            assertFalse(run.out().contains("PID " + reused.pid()), run.transcript());
            assertFalse(Files.exists(root.resolve(".devlaunch/services.json")), "stale records are removed");
            assertFalse(Files.exists(root.resolve(".devlaunch/dashboard.json")), "a stopped dashboard's token too\n" + run.transcript());
        } finally {
            reused.destroyForcibly();
        }
    }

    @Test
    void aRecordedChildThatStillRunsIsStoppedWithItsDescendants() throws Exception {
        Path root = project();
        Process child = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & echo $!; wait").start();
        long grandchild = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine().trim());
        try {
            long start = child.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            TestFiles.write(root.resolve("launcher.conf"), "services { api { command = x } }");
            TestFiles.write(root.resolve(".devlaunch/services.json"), """
                    {"services": [{"name": "api", "pid": %d, "startedAt": %d}]}
                    """.formatted(child.pid(), start));
            CliRun run = CliRun.run(root, "clean");
            assertEquals(0, run.exitCode(), run.transcript());
            assertTrue(run.out().contains("stopped leftover PID " + child.pid()), run.transcript());
            assertTrue(Fixtures.gone(child.pid()) || !child.isAlive());
            assertTrue(Fixtures.gone(grandchild), "the grandchild went too");
        } finally {
            child.destroyForcibly();
        }
    }
}
