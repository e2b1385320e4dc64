package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    @Test
    void helpListsEveryCommand() {
        CliRun run = CliRun.run(dir, "--help");
        assertEquals(0, run.exitCode(), run.transcript());
        for (String c : new String[] {"up", "down", "restart", "stop", "start", "clean", "status", "logs", "check"}) {
            assertTrue(run.out().contains("\n  " + c + " "), c + "\n" + run.transcript());
        }
    }

    @Test
    void versionPrintsTheVersion() {
        CliRun run = CliRun.run(dir, "--version");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().startsWith("devlaunch "), run.transcript());
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun run = CliRun.run(dir, "upp");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("upp"), run.transcript());
    }

    @Test
    void misspelledCommandSuggestsTheRightOne() {
        CliRun run = CliRun.run(dir, "stauts");
        assertEquals(2, run.exitCode(), run.transcript());
        // picocli lists its candidates by its own similarity (start, then status): status must be among them.
        assertTrue(run.err().contains("Did you mean: ") && run.err().contains("devlaunch status"), run.transcript());
    }

    @Test
    void subcommandHelpShowsThatCommandsOptions() {
        CliRun run = CliRun.run(dir, "--no-color", "up", "--help");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("Usage: devlaunch up "), run.transcript());
        assertTrue(run.out().contains("--detach"), run.transcript());
    }

    @Test
    void checkPrintsTheStartOrderAndExits0OnTheDemoManifest() {
        Path demo = Path.of("launcher.conf").toAbsolutePath();
        CliRun run = CliRun.run(dir, "check", "-f", demo.toString());
        // The demo's ports may be in use by a running demo; the order must print regardless.
        assertTrue(run.out().contains("start order: backend → frontend"), run.transcript());
        assertTrue(run.exitCode() == 0 || run.out().contains("port 842"), run.transcript());
    }

    @Test
    void topLevelFileOptionWorksBeforeTheCommand() {
        Path m = TestFiles.write(dir.resolve("sub/stack.conf"), "services { a { command = \"true\" } }");
        CliRun run = CliRun.run(dir, "-f", m.toString(), "check");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("start order: a"), run.transcript());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void checkNamesTheHolderOfABusyPortAndExits1() throws Exception {
        try (ServerSocket busy = new ServerSocket(0)) {
            TestFiles.write(dir.resolve("launcher.conf"),
                    "services { api { command = [\"true\"], port = " + busy.getLocalPort() + " } }");
            CliRun run = CliRun.run(dir, "check");
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.out().contains("port " + busy.getLocalPort() + " is held by PID " + ProcessHandle.current().pid()),
                    run.transcript());
        }
    }

    @Test
    void checkReportsMissingProgramDirAndEnvFile() {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  api { command = ["surely-not-a-program-xyz"], env-file = missing.env }
                  web { command = "./run.sh", dir = nowhere }
                }
                """);
        CliRun run = CliRun.run(dir, "check");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("surely-not-a-program-xyz is not on PATH"), run.transcript());
        assertTrue(run.out().contains("env-file") && run.out().contains("missing.env does not exist"), run.transcript());
        assertTrue(run.out().contains("nowhere does not exist"), run.transcript());
    }

    @Test
    void checkReportsAnEnvUrlPointingAtAPortNoServiceOwns() {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  backend { command = ["true"], port = 18000 }
                  frontend {
                    command = ["true"]
                    env { BACKEND_URL = "http://127.0.0.1:10200/api", API = "http://no-such-host.invalid:80/" }
                  }
                }
                """);
        CliRun run = CliRun.run(dir, "check");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("frontend.env.BACKEND_URL → 127.0.0.1:10200, but no service owns port 10200; backend owns 18000"),
                run.transcript());
        assertTrue(run.out().contains("frontend.env.API names host 'no-such-host.invalid', which does not resolve"), run.transcript());
    }

    @Test
    void checkAcceptsAnEnvUrlBuiltBySubstitution() {
        int port = io.devlaunch.testing.Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  backend { command = ["true"], port = %d }
                  frontend { command = ["true"], env { BACKEND_URL = "http://localhost:"${services.backend.port} } }
                }
                """.formatted(port));
        CliRun run = CliRun.run(dir, "check");
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("frontend.env.BACKEND_URL → localhost:" + port + ", which backend owns"), run.transcript());
    }
}
