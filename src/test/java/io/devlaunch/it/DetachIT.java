package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** `up --detach` for CI and scripts: returns once healthy (or failed), `down` ends it all. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DetachIT {
    @TempDir
    Path dir;

    private JarRun.Result devlaunch(String... args) throws Exception {
        return JarRun.run(dir, args);
    }

    /** A test that fails half-way must not leave its background supervisor running (with none, `down` says so). */
    @AfterEach
    void downWhateverIsLeft() throws Exception {
        devlaunch("down");
    }

    @Test
    void detachReturnsOnceHealthyAndDownLeavesNothing() throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = %s, port = %d, health.http = "http://127.0.0.1:%d/" } }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, port, 500), port, port));
        JarRun.Result up = devlaunch("up", "--detach");
        assertEquals(0, up.code(), up.out());
        assertTrue(up.out().contains("running in the background"), up.out());
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "the service answers after up --detach returned");
        Matcher m = Pattern.compile("running in the background \\(PID (\\d+)\\)").matcher(up.out());
        assertTrue(m.find(), up.out());
        long supervisor = Long.parseLong(m.group(1));
        Matcher pm = Pattern.compile("; PID (\\d+)\\)").matcher(up.out());
        assertTrue(pm.find(), up.out());
        long api = Long.parseLong(pm.group(1));

        // supervisor.log holds the dashboard's address with its token; the services' logs their output: owner-only.
        for (String p : List.of(".devlaunch", ".devlaunch/logs")) assertEquals("rwx------", mode(dir.resolve(p)), p);
        for (String p : List.of(".devlaunch/logs/supervisor.log", ".devlaunch/logs/api.log")) assertEquals("rw-------", mode(dir.resolve(p)), p);

        JarRun.Result status = devlaunch("status");
        assertEquals(0, status.code(), status.out());
        JarRun.Result down = devlaunch("down");
        assertEquals(0, down.code(), down.out());
        assertTrue(Fixtures.gone(supervisor) && Fixtures.gone(api), down.out());
        assertEquals(List.of(), new LinuxPortOwners().holders(port));
        assertTrue(java.nio.file.Files.notExists(dir.resolve(".devlaunch/services.json"))
                && java.nio.file.Files.notExists(dir.resolve(".devlaunch/supervisor.json")), "no run records left after down");
        assertEquals(1, devlaunch("status").code(), "status exits non-zero when nothing runs");
    }

    private static String mode(Path p) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(p));
    }

    @Test
    void detachExits1WhenAServiceFailsAndLeavesTheSupervisorForInspection() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  broken { command = "echo 'ImportError: no module named app'; exit 1", max-restarts = 0 }
                  steady { command = "sleep 60" }
                }
                """);
        JarRun.Result up = devlaunch("up", "--detach");
        try {
            assertEquals(1, up.code(), up.out());
            assertTrue(up.out().contains("ImportError: no module named app"), up.out());
            assertTrue(up.out().replaceAll(" {2,}", " ").contains("broken error: ImportError: no module named app"),
                    "the same diagnosis as a foreground up\n" + up.out());
            assertTrue(up.out().contains("keeps running for inspection"), up.out());
        } finally {
            JarRun.Result down = devlaunch("down");
            assertEquals(0, down.code(), down.out());
        }
    }
}
