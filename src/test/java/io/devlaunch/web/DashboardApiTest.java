package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** /api/status, the buttons and the logs API against a real supervisor with real children. */
@EnabledOnOs(OS.LINUX)
@Timeout(90)
class DashboardApiTest {
    @TempDir
    Path dir;

    private static Config json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    private static Config service(Board b, String name) throws Exception {
        return json(b.get("/api/status")).getConfigList("services").stream().filter(s
                -> s.getString("name").equals(name))
                .findFirst().orElseThrow();
    }

    @Test
    void statusHasTheFieldsOfStatusJsonAndRestartGivesANewPid() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                app { command = "echo '<img src=x onerror=alert(1)></script>'; sleep 60" }
                crash { command = "echo 'Error: cannot open config.yml'; exit 3", restart = no }
                """)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> service(b, "app").getString("state").equals("healthy")
                    && service(b, "crash").getString("state").equals("exited"));
            Config top = json(b.get("/api/status"));
            assertEquals(b.manifest.project(), top.getString("project"));
            assertEquals(ProcessHandle.current().pid(), top.getLong("supervisor.pid"));
            assertTrue(top.getBoolean("supervisor.running"));
            Config app = service(b, "app");
            for (String field : List.of("name", "state", "pid", "ports", "restarts", "exitCode", "uptimeMs", "health",
                    "reason")) {
                assertTrue(app.hasPathOrNull(field), field + " in " + app);
            }
            Config crash = service(b, "crash");
            assertEquals(3, crash.getInt("exitCode"));
            assertTrue(crash.getString("reason").contains("3"), crash.getString("reason"));
            assertTrue(crash.getStringList("lastLines").contains("Error: cannot open config.yml"), crash.toString());

            long before = app.getLong("pid");
            assertEquals(202, b.post("/api/services/app/restart").statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Config now = service(b, "app");
                return now.getString("state").equals("healthy") && !now.getIsNull("pid")
                        && now.getLong("pid") != before;
            });

            HttpResponse<String> logs = b.get("/api/services/app/logs?n=10");
            assertEquals(200, logs.statusCode());
            assertTrue(logs.body().contains("\\u003cimg src=x onerror=alert(1)\\u003e\\u003c/script\\u003e"),
                    logs.body());
            assertTrue(!logs.body().contains("<img"), "a child's line is data, escaped: " + logs.body());
            Config l = json(logs);
            assertEquals("app", l.getString("service"));
            assertEquals("<img src=x onerror=alert(1)></script>", l.getConfigList("lines").get(0).getString("text"));
            assertEquals("out", l.getConfigList("lines").get(0).getString("stream"));
            assertEquals(2, l.getConfigList("lines").size(), "one line per start");
            assertEquals(1, json(b.get("/api/services/app/logs?n=1")).getConfigList("lines").size());
            assertEquals(400, b.get("/api/services/app/logs?n=99999").statusCode());
        }
    }

    @Test
    void stopAndStartOneServiceAndUnknownNamesAre404() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                app { command = "sleep 60" }
                other { command = "sleep 60" }
                """)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> service(b, "app").getString("state").equals("healthy"));
            HttpResponse<String> stop = b.post("/api/services/app/stop");
            assertEquals(202, stop.statusCode(), stop.body());
            assertEquals("{\"accepted\":true,\"service\":\"app\",\"action\":\"stop\"}", stop.body());
            await().atMost(Duration.ofSeconds(20)).until(() -> service(b, "app").getString("state").equals("stopped"));
            assertEquals("healthy", service(b, "other").getString("state"), "the others keep running");
            assertEquals(202, b.post("/api/services/app/start").statusCode());
            await().atMost(Duration.ofSeconds(20)).until(() -> service(b, "app").getString("state").equals("healthy"));

            for (String path : List.of("/api/services/nope/restart", "/api/services/nope/stop",
                    "/api/services/nope/start")) {
                HttpResponse<String> r = b.post(path);
                assertEquals(404, r.statusCode(), path);
                assertTrue(json(r).getString("error").contains("nope"), r.body());
            }
            assertEquals(404, b.get("/api/services/nope/logs").statusCode());
            assertEquals(404, b.get("/api/nothing").statusCode());
            assertTrue(b.console().contains("the dashboard asked to stop app"), b.console());
        }
    }

    @Test
    void aSecondRestartWhileOneRunsIs409() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                slow { command = "sleep 60", before-start = "sleep 2" }
                """)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> service(b, "slow").getString("state").equals("healthy"));
            assertEquals(202, b.post("/api/services/slow/restart").statusCode());
            HttpResponse<String> busy = b.post("/api/restart");
            assertEquals(409, busy.statusCode(), busy.body());
            assertTrue(json(busy).getString("error").contains("another"), busy.body());
            HttpResponse<String> busyStop = b.post("/api/services/slow/stop");
            assertEquals(409, busyStop.statusCode(), busyStop.body());
            // The console tells of what the dashboard did, not of what it was refused.
            String console = b.console();
            assertTrue(console.contains("the dashboard asked to restart slow"), console);
            assertFalse(console.contains("the dashboard asked to restart every service"), console);
            assertFalse(console.contains("the dashboard asked to stop"), console);
        }
    }

    @Test
    void theNextPortIsNeverOneAServiceClaims() throws Exception {
        // The dashboard binds after the start: a service's port free now is bound by the service a moment later.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int p = taken.getLocalPort();
            try (Board b = Board.start(dir, p, "api { command = \"sleep 60\", port = " + (p + 1)
                    + ", health.command = \"true\" }")) {
                assertNotEquals(p, b.port());
                assertNotEquals(p + 1, b.port(), "services.api.port");
                assertTrue(b.port() > p + 1 && b.port() < p + DashboardServer.PORTS_TRIED, "" + b.port());
                assertEquals(200, b.get("/api/status").statusCode());
            }
        }
    }

    @Test
    void aTakenPortMeansTheNextOneSaidOnTheConsole() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Board b = Board.start(dir, taken.getLocalPort(), "app { command = \"sleep 60\" }")) {
            assertNotEquals(taken.getLocalPort(), b.port());
            assertTrue(b.port() > taken.getLocalPort() && b.port() < taken.getLocalPort()
                    + DashboardServer.PORTS_TRIED, "" + b.port());
            String console = b.console();
            assertTrue(console.contains("devlaunch | dashboard port " + taken.getLocalPort() + " is taken; using "
                    + b.port()), console);
            assertTrue(console.contains("devlaunch | dashboard: http://127.0.0.1:" + b.port() + "/?token="
                    + b.token()), console);
            assertEquals(200, b.get("/api/status").statusCode());
        }
    }
}
