package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.runstate.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar: `stop` and `start` of one service of a detached stack, seen through `status --json`. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class StopStartIT {
    @TempDir
    Path dir;

    private Config service(String name) throws Exception {
        JarRun.Result r = JarRun.run(dir, "status", "--json");
        for (Config c : Json.parse(r.out()).getConfigList("services")) if (c.getString("name").equals(name)) return c;
        throw new AssertionError(name + " not in " + r.out());
    }

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    @Test
    void aStoppedServiceStaysStoppedUntilStartedAndTheOtherRunsOn() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  db { command = "sleep 300 & echo db-child=$!; wait", health.log = "db-child=", before-start = ["echo run >> starts.log"] }
                  web { command = "echo web-up; exec sleep 300", health.log = "web-up", depends-on = [db] }
                }
                """);
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        long db = service("db").getLong("pid");
        long web = service("web").getLong("pid");

        JarRun.Result stop = JarRun.run(dir, "stop", "db");
        assertEquals(0, stop.code(), stop.out());
        assertTrue(stop.out().contains("stopped db"), stop.out());
        assertEquals("stopped", service("db").getString("state"));
        assertTrue(Fixtures.gone(db));
        assertEquals("healthy", service("web").getString("state"));
        assertEquals(web, service("web").getLong("pid"));

        JarRun.Result start = JarRun.run(dir, "start", "db");
        assertEquals(0, start.code(), start.out());
        assertTrue(start.out().contains("healthy in") && start.out().contains("started db"), start.out());
        assertEquals("healthy", service("db").getString("state"));
        assertNotEquals(db, service("db").getLong("pid"));

        JarRun.Result unknown = JarRun.run(dir, "stop", "wbe");
        assertEquals(2, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("did you mean 'web'"), unknown.out());
    }
}
