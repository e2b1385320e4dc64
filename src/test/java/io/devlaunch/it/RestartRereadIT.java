package io.devlaunch.it;

import com.typesafe.config.Config;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `restart` after an edit to launcher.conf, as a user runs it: the packaged jar, `up -d`, edit, `restart`. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class RestartRereadIT {
    @TempDir
    Path dir;

    private static String manifest(String version, String greeting) {
        return """
                services {
                  web { command = "echo %s greeting=$GREETING; echo ready; exec sleep 120", env { GREETING = %s }, health.log = "ready" }
                }
                """.formatted(version, greeting);
    }

    private JarRun.Result devlaunch(String... args) throws Exception {
        return JarRun.run(dir, args);
    }

    private long pid(String name) throws Exception {
        JarRun.Result r = devlaunch("status", "--json");
        for (Config c : Json.parse(r.out()).getConfigList("services")) if (c.getString("name")
                .equals(name)) return c.getLong("pid");
        throw new AssertionError(name + " not in " + r.out());
    }

    @AfterEach
    void down() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), manifest("v1", "hello"));      // `down` reads it too
        devlaunch("down");
    }

    @Test
    void anEditedCommandAndEnvValueRunAfterRestart() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), manifest("v1", "hello"));
        assertEquals(0, devlaunch("up", "--detach").code());
        long before = pid("web");

        TestFiles.write(dir.resolve("launcher.conf"), manifest("v2", "bye"));
        JarRun.Result r = devlaunch("restart", "web");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("web: command, env changed in launcher.conf; it starts with the new definition"),
                r.out());
        assertNotEquals(before, pid("web"));
        // Its own lines may reach the stream after the answer (the health line can match first): its log has them.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(devlaunch("logs",
                "web").out().contains("v2 greeting=bye"),
                "web runs its new command with its new env"));
    }

    @Test
    void anEditThatDoesNotReadLeavesTheStackRunningAndSaysWhere() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), manifest("v1", "hello"));
        assertEquals(0, devlaunch("up", "--detach").code());
        long before = pid("web");

        TestFiles.write(dir.resolve("launcher.conf"), "services {\n  web { command = \"sleep 1\"\n");
        JarRun.Result r = devlaunch("restart", "web");
        assertNotEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("nothing was restarted") && r.out().contains("keeps running as it was"), r.out());
        assertTrue(r.out().matches("(?s).*launcher\\.conf:\\d+: .*"), "names the file and line:\n" + r.out());
        assertFalse(Fixtures.gone(before), "web still runs");

        TestFiles.write(dir.resolve("launcher.conf"), manifest("v1", "hello"));
        assertEquals(before, pid("web"), "the same web, untouched");
    }
}
