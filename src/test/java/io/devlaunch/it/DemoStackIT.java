package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black box: the built jar runs the repository's demo stack — backend, then frontend, the page's
 * API call proxied through — and Ctrl+C (SIGINT) leaves nothing behind.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DemoStackIT {
    @TempDir
    Path dir;

    @Test
    void demoStackComesUpHealthyProxiesAndStopsCleanlyOnCtrlC() throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        Files.copy(repo.resolve("launcher.conf"), dir.resolve("launcher.conf"));
        Files.createDirectories(dir.resolve("examples/demo"));
        for (String f : List.of("Backend.java", "Frontend.java")) {
            Files.copy(repo.resolve("examples/demo").resolve(f), dir.resolve("examples/demo").resolve(f));
        }
        int backend = Fixtures.freePort();
        int frontend = Fixtures.freePort();
        ProcessBuilder pb = new ProcessBuilder(Fixtures.javaBin(), "-jar", repo.resolve("target/devlaunch.jar").toString(), "up")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("BACKEND_PORT", String.valueOf(backend));
        pb.environment().put("FRONTEND_PORT", String.valueOf(frontend));
        Process devlaunch = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(devlaunch.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) output.add(line);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> output.stream().anyMatch(l -> l.contains("all 2 services healthy")) || !devlaunch.isAlive());
            String all = String.join("\n", output);
            assertTrue(all.contains("all 2 services healthy"), all);
            assertTrue(all.indexOf("backend  healthy") < all.indexOf("frontend starting"), "backend is healthy before frontend starts\n" + all);

            HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
            HttpResponse<String> items = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend + "/api/items")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, items.statusCode());
            assertTrue(items.body().contains("Coffee beans"), items.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + frontend + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("devlaunch demo"), page.body());

            List<Long> pids = pids(all);
            assertEquals(2, pids.size(), all);
            new ProcessBuilder("kill", "-INT", Long.toString(devlaunch.pid())).start().waitFor();
            assertTrue(devlaunch.waitFor(30, TimeUnit.SECONDS), "devlaunch stopped");
            assertEquals(130, devlaunch.exitValue(), String.join("\n", output));
            for (long pid : pids) assertTrue(Fixtures.gone(pid), "PID " + pid + " survived");
            assertEquals(List.of(), new io.devlaunch.ports.LinuxPortOwners().holders(backend));
            assertEquals(List.of(), new io.devlaunch.ports.LinuxPortOwners().holders(frontend));
        } finally {
            // A failed assertion must not leave the stack behind: SIGTERM stops it (and its children) in order.
            if (devlaunch.isAlive()) {
                devlaunch.destroy();
                if (!devlaunch.waitFor(30, TimeUnit.SECONDS)) devlaunch.destroyForcibly();
            }
            reader.join(5000);
        }
    }

    private static List<Long> pids(String output) {
        Matcher m = Pattern.compile("healthy in .*; PID (\\d+)\\)").matcher(output);
        List<Long> out = new java.util.ArrayList<>();
        while (m.find()) out.add(Long.parseLong(m.group(1)));
        return out;
    }
}
