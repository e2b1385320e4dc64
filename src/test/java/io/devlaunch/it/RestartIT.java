package io.devlaunch.it;

import com.typesafe.config.Config;
import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `restart` from another terminal talks to the running supervisor over its control socket. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class RestartIT {
    @TempDir
    Path dir;

    private JarRun.Result devlaunch(String... args) throws Exception {
        return JarRun.run(dir, args);
    }

    private Config service(String name) throws Exception {
        JarRun.Result r = devlaunch("status", "--json");
        for (Config c : Json.parse(r.out()).getConfigList("services")) if (c.getString("name").equals(name)) return c;
        throw new AssertionError(name + " not in " + r.out());
    }

    @AfterEach
    void down() throws Exception {
        devlaunch("down");
    }

    @Test
    void restartGivesTheBackendANewPidAndLeavesTheFrontendAlone() throws Exception {
        int api = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  backend { command = %s, port = %d, before-start = ["echo run >> migrations.log"], clean = ["dev.db"] }
                  frontend { command = "sleep 120", depends-on = [backend] }
                }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, api), api));
        assertEquals(0, devlaunch("up", "--detach").code());
        long backend = service("backend").getLong("pid");
        long frontend = service("frontend").getLong("pid");

        JarRun.Result restart = devlaunch("restart", "backend");
        assertEquals(0, restart.code(), restart.out());
        assertTrue(restart.out().contains("backend") && restart.out().contains("healthy in"), "progress is streamed\n"
                + restart.out());
        assertNotEquals(backend, service("backend").getLong("pid"));
        assertEquals(frontend, service("frontend").getLong("pid"));
        assertTrue(Fixtures.gone(backend));

        Files.writeString(dir.resolve("dev.db"), "old schema");
        JarRun.Result reset = devlaunch("restart", "backend", "--reset");
        assertEquals(0, reset.code(), reset.out());
        assertFalse(Files.exists(dir.resolve("dev.db")), reset.out());
        assertTrue(reset.out().contains("reset: deleted dev.db"), reset.out());
        assertEquals(3, Files.readAllLines(dir.resolve("migrations.log")).size(), "before-start ran at each start");
    }

    @Test
    void withNoSupervisorRestartIsACleanStart() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services { one { command = \"echo ran\", restart = no } }");
        JarRun.Result r = devlaunch("restart");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("no supervisor running: starting the stack") && r.out().replaceAll(" {2,}",
                " ").contains("one | ran"), r.out());
    }
}
