package io.devlaunch.commands;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A foreign process holding a configured port, found through the OS and dealt with precisely. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class StaleHoldersTest {
    @TempDir
    Path dir;

    /** A server that is healthy, then ends by itself (so `up` ends): one that owns a port and ends before healthy is a failure. */
    private void manifestWithPort(int port) {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = "echo api-started; sleep 1", port = %d, restart = no, health.log = "api-started" } }
                """.formatted(port));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"127.0.0.1, -Djava.net.preferIPv4Stack=true", "0.0.0.0, -Djava.net.preferIPv4Stack=true",
                "::1, -Dunused=1", "::, -Dunused=1"})
    void upFindsAndStopsAForeignListener(String bind, String flag) throws Exception {
        int port = Fixtures.freePort();
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(flag), port, 0, 200, bind);
        try {
            assertEquals(List.of(holder.pid()), new LinuxPortOwners().holders(port).stream().map(h -> h.pid().orElseThrow()).toList());
            manifestWithPort(port);
            CliRun run = CliRun.run(dir, "up");
            assertEquals(0, run.exitCode(), run.transcript());
            String out = run.out().replaceAll(" {2,}", " ");
            assertTrue(out.contains("port " + port + " (api) is held by PID " + holder.pid() + " (") && out.contains("— stopped it"),
                    run.transcript());
            assertTrue(out.contains("HttpFixture"), "the holder's command is named\n" + run.transcript());
            assertTrue(out.indexOf("stopped it") < out.indexOf("api | api-started"), "freed before the start\n" + run.transcript());
            await().atMost(Duration.ofSeconds(5)).until(() -> !holder.isAlive());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void withNoKillUpRefusesAndNamesTheHolder() throws Exception {
        int port = Fixtures.freePort();
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try {
            manifestWithPort(port);
            CliRun run = CliRun.run(dir, "up", "--no-kill");
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("port " + port + " (api) is held by PID " + holder.pid()), run.transcript());
            assertTrue(run.err().contains("not stopping it because of --no-kill"), run.transcript());
            assertFalse(run.out().contains("api-started"), "nothing started\n" + run.transcript());
            assertTrue(holder.isAlive(), "the holder is left alone");
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void killStaleFalseInTheManifestAlsoRefuses() throws Exception {
        int port = Fixtures.freePort();
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try {
            TestFiles.write(dir.resolve("launcher.conf"), """
                    kill-stale = false
                    services { api { command = "echo x", port = %d, restart = no } }
                    """.formatted(port));
            CliRun run = CliRun.run(dir, "up");
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("(kill-stale = false)"), run.transcript());
            assertTrue(holder.isAlive());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void devlaunchNeverStopsItsOwnAncestors() throws Exception {
        // The test JVM plays the shell that started devlaunch: it holds the port and must be spared.
        try (java.net.ServerSocket mine = new java.net.ServerSocket(0)) {
            manifestWithPort(mine.getLocalPort());
            CliRun run = CliRun.run(dir, "up");
            assertEquals(1, run.exitCode(), run.transcript());
            assertTrue(run.err().contains("devlaunch will not stop it: it is devlaunch itself"), run.transcript());
        }
    }
}
