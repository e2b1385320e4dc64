package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.supervise.ServiceState;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** `devlaunch stop` / `devlaunch start` through the real CLI, against a supervisor in this JVM that serves its control socket. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class StopStartCommandTest {
    private static final String TWO = """
            services {
              db  { command = "test -f broken && { echo 'db: cannot open data dir'; exit 3; }; echo db-up; exec sleep 300"
                    health.log = "db-up", restart = no }
              api { command = "echo api-up; exec sleep 300", health.log = "api-up", depends-on = [db] }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void stopThenStartAServiceWithProgressAndExit0() throws Exception {
        try (Stack s = Stack.start(dir, TWO).serveControl()) {
            s.awaitState("api", ServiceState.HEALTHY);
            long db = s.pid("db");
            CliRun stop = CliRun.run(dir, "stop", "db");
            assertEquals(0, stop.exitCode(), stop.transcript());
            String out = stop.out().replaceAll(" {2,}", " ");
            assertTrue(out.contains("db stopping on request"), stop.transcript());
            assertTrue(out.contains("devlaunch | stopped db; `devlaunch start db` starts it again"), stop.transcript());
            assertEquals(ServiceState.STOPPED, s.state("db"));
            assertTrue(Fixtures.gone(db));
            assertEquals(ServiceState.HEALTHY, s.state("api"));

            CliRun start = CliRun.run(dir, "start", "db");
            assertEquals(0, start.exitCode(), start.transcript());
            assertTrue(start.out().replaceAll(" {2,}", " ").matches("(?s).*devlaunch \\| db healthy in .*devlaunch \\| started db\\n"),
                    start.transcript());
            assertEquals(ServiceState.HEALTHY, s.state("db"));
            assertNotEquals(db, s.pid("db"));
        }
    }

    @Test
    void aStartThatFailsExits1WithTheReason() throws Exception {
        try (Stack s = Stack.start(dir, TWO).serveControl()) {
            s.awaitState("api", ServiceState.HEALTHY);
            assertEquals(0, CliRun.run(dir, "stop", "db").exitCode());
            Files.writeString(dir.resolve("broken"), "");
            CliRun start = CliRun.run(dir, "start", "db");
            assertEquals(1, start.exitCode(), start.transcript());
            assertTrue(start.out().contains("exited with code 3"), start.transcript());
            assertTrue(start.out().contains("db: cannot open data dir"), "its output says why\n" + start.transcript());
            assertTrue(start.out().contains("devlaunch | a service did not come up healthy (see above)"), start.transcript());
        }
    }

    @Test
    void noNameAnUnknownNameAndNoSupervisorAreRefused() {
        TestFiles.write(dir.resolve("launcher.conf"), TWO);
        CliRun none = CliRun.run(dir, "stop");
        assertEquals(2, none.exitCode(), none.transcript());
        assertTrue(none.err().contains("Missing required parameter"), none.transcript());

        CliRun unknown = CliRun.run(dir, "start", "dbb");
        assertEquals(2, unknown.exitCode(), unknown.transcript());
        assertTrue(unknown.err().contains("no service 'dbb'") && unknown.err().contains("did you mean 'db'"), unknown.transcript());

        CliRun idle = CliRun.run(dir, "stop", "db");
        assertEquals(1, idle.exitCode(), idle.transcript());
        assertTrue(idle.err().contains("no devlaunch supervisor is running for ") && idle.err().contains("; start it with: devlaunch up"),
                idle.transcript());
    }
}
