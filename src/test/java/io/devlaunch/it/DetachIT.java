package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private record Result(int code, String out) {}

    private Result devlaunch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Fixtures.javaBin(), "-jar", Path.of("target/devlaunch.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);     // ends when it does
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }

    @Test
    void detachReturnsOnceHealthyAndDownLeavesNothing() throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = %s, port = %d, health.http = "http://127.0.0.1:%d/" } }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, port, 500), port, port));
        Result up = devlaunch("up", "--detach");
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

        Result status = devlaunch("status");
        assertEquals(0, status.code(), status.out());
        Result down = devlaunch("down");
        assertEquals(0, down.code(), down.out());
        assertTrue(Fixtures.gone(supervisor) && Fixtures.gone(api), down.out());
        assertEquals(List.of(), new LinuxPortOwners().holders(port));
        assertEquals(1, devlaunch("status").code(), "status exits non-zero when nothing runs");
    }

    @Test
    void detachExits1WhenAServiceFailsAndLeavesTheSupervisorForInspection() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  broken { command = "echo 'ImportError: no module named app'; exit 1", max-restarts = 0 }
                  steady { command = "sleep 60" }
                }
                """);
        Result up = devlaunch("up", "--detach");
        try {
            assertEquals(1, up.code(), up.out());
            assertTrue(up.out().contains("ImportError: no module named app"), up.out());
            assertTrue(up.out().contains("keeps running for inspection"), up.out());
        } finally {
            Result down = devlaunch("down");
            assertEquals(0, down.code(), down.out());
        }
    }
}
