package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.testing.Tools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A Procfile project: `init` writes the manifest, `check` passes, `up -d` brings it up healthy, `down` ends it. */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class InitUpIT {
    @TempDir
    Path dir;

    @Test
    void initThenUpDetachedIsHealthy() throws Exception {
        Tools.need("python3", "python3");      // the Procfile's web process runs python3 -m http.server
        String api = String.join(" ", Fixtures.javaArgv(HttpFixture.class, List.of())) + " $PORT";
        TestFiles.write(dir.resolve("Procfile"), """
                web: python3 -m http.server $PORT --bind 127.0.0.1
                api: %s
                worker: sleep 600
                """.formatted(api));
        TestFiles.write(dir.resolve(".env"), "GREETING=hello\n");

        JarRun.Result init = JarRun.run(dir, "init");
        assertEquals(0, init.code(), init.out());
        assertTrue(init.out().contains("wrote launcher.conf with 3 services: web, api, worker"), init.out());

        // foreman's 5000, 5100 may be taken on this machine (and `up` stops what holds a configured port):
        // each is written once, under vars, so moving a service is a one-line edit.
        int webPort = Fixtures.freePort();
        int apiPort = Fixtures.freePort();
        Path conf = dir.resolve("launcher.conf");
        String text = Files.readString(conf);
        assertTrue(text.contains("web-port = 5000") && text.contains("api-port = 5100"), text);
        Files.writeString(conf, text.replace("web-port = 5000", "web-port = " + webPort).replace("api-port = 5100",
                "api-port = " + apiPort));

        JarRun.Result check = JarRun.run(dir, "check");
        assertEquals(0, check.code(), check.out());
        try {
            JarRun.Result up = JarRun.run(dir, "up", "--detach");
            assertEquals(0, up.code(), up.out());
            assertTrue(up.out().contains("web healthy") || up.out().replaceAll(" {2,}", " ").contains("web healthy"),
                    up.out());
            assertTrue(up.out().contains("GET http://localhost:" + webPort + "/ → 200"),
                    "web's guessed HTTP check passed\n" + up.out());
            HttpClient http = HttpClient.newHttpClient();
            for (int port : List.of(webPort, apiPort)) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "port " + port + " answers: PORT reached the process through env");
            }
            JarRun.Result status = JarRun.run(dir, "status");
            assertEquals(0, status.code(), status.out());
        } finally {
            JarRun.Result down = JarRun.run(dir, "down");
            assertEquals(0, down.code(), down.out());
        }
    }
}
