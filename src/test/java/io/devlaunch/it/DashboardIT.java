package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard from the packaged jar: `up` (attached and -d) says its address, `devlaunch dashboard` prints it. */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class DashboardIT {
    private static final Pattern URL = Pattern.compile("devlaunch \\| dashboard: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]{43}))");

    @TempDir
    Path dir;

    private JarRun.Result devlaunch(String... args) throws Exception {
        return JarRun.run(dir, args);
    }

    private void manifest(String extra) {
        TestFiles.write(dir.resolve("launcher.conf"), extra + "\nservices { app { command = \"sleep 60\" } }\n");
    }

    @Test
    void upDetachSaysTheAddressAndDashboardPrintsIt() throws Exception {
        int port = Fixtures.freePort();
        manifest("dashboard { port = " + port + " }");
        JarRun.Result none = devlaunch("dashboard");
        assertEquals(1, none.code(), none.out());
        assertTrue(none.out().contains("no devlaunch is running") && none.out().contains("devlaunch up"), none.out());

        JarRun.Result up = devlaunch("up", "-d");
        try {
            assertEquals(0, up.code(), up.out());
            Matcher m = URL.matcher(up.out());
            assertTrue(m.find(), up.out());
            assertEquals(port, Integer.parseInt(m.group(2)));
            String url = m.group(1);
            String token = m.group(3);
            assertFalse(m.find(), "said once\n" + up.out());
            JarRun.Result dash = devlaunch("dashboard");
            assertEquals(0, dash.code(), dash.out());
            assertEquals(url, dash.out().strip());
            Path record = dir.resolve(".devlaunch/dashboard.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());
            assertTrue(status.body().contains("\"name\":\"app\""), status.body());
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, login.statusCode());
        } finally {
            assertEquals(0, devlaunch("down").code());
        }
        assertFalse(Files.exists(dir.resolve(".devlaunch/dashboard.json")), "the token goes with the run");
        assertEquals(1, devlaunch("dashboard").code());
    }

    @Test
    void noDashboardAndEnabledFalseServeNoneAndDashboardSaysHowToTurnItOn() throws Exception {
        manifest("dashboard { port = " + Fixtures.freePort() + " }");
        JarRun.Result up = devlaunch("up", "-d", "--no-dashboard");
        try {
            assertEquals(0, up.code(), up.out());
            assertFalse(up.out().contains("dashboard:"), up.out());
            JarRun.Result dash = devlaunch("dashboard");
            assertEquals(1, dash.code(), dash.out());
            assertTrue(dash.out().contains("serves no dashboard") && dash.out().contains("--no-dashboard"), dash.out());
        } finally {
            assertEquals(0, devlaunch("down").code());
        }
        manifest("dashboard { enabled = false }");
        up = devlaunch("up", "-d");
        try {
            assertEquals(0, up.code(), up.out());
            assertFalse(up.out().contains("dashboard:"), up.out());
            JarRun.Result dash = devlaunch("dashboard");
            assertEquals(1, dash.code(), dash.out());
            assertTrue(dash.out().contains("enabled = false"), dash.out());
        } finally {
            assertEquals(0, devlaunch("down").code());
        }
    }

    @Test
    void attachedUpSaysTheAddressOnce() throws Exception {
        manifest("dashboard { port = " + Fixtures.freePort() + " }");
        JarRun.Running up = JarRun.start(dir, "up");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> URL.matcher(up.text()).find() && up.text().contains("healthy"));
            Matcher m = URL.matcher(up.text());
            assertTrue(m.find());
            assertFalse(m.find(), up.text());
        } finally {
            up.process().destroy();      // SIGTERM: a graceful stop
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
        }
    }

    /**
     * The JDK server's limits as the supervisor sets them (they apply only when set before its classes
     * load, so only the real process shows them): a head still coming after 10 s, or past 32 KB, ends
     * its connection, and the dashboard goes on answering.
     */
    @Test
    void aSlowOrHugeRequestHeadEndsItsConnection() throws Exception {
        int port = Fixtures.freePort();
        manifest("dashboard { port = " + port + " }");
        JarRun.Result up = devlaunch("up", "-d");
        try {
            assertEquals(0, up.code(), up.out());
            Matcher m = URL.matcher(up.out());
            assertTrue(m.find(), up.out());
            String token = m.group(3);
            try (Socket slow = new Socket("127.0.0.1", port)) {
                slow.setSoTimeout(30_000);
                long t0 = System.nanoTime();
                slow.getOutputStream().write("GET /api/status HTTP/1.1\r\nX-Slow: a".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(-1, endOf(slow), "closed without an answer");
                long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
                assertTrue(s >= 9 && s <= 15, "a head still coming is ended after 10 s (and a 1 s timer), not " + s + " s");
            }
            try (Socket huge = new Socket("127.0.0.1", port)) {
                huge.setSoTimeout(30_000);
                String head = "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                        + "\r\nX-Big: " + "a".repeat(40 * 1024) + "\r\n\r\n";
                try {
                    huge.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                } catch (java.io.IOException e) {
                    // closed while the head was still being written: the same refusal
                }
                assertEquals(-1, endOf(huge), "closed without an answer");
            }
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, status.statusCode(), status.body());
        } finally {
            assertEquals(0, devlaunch("down").code());
        }
    }

    /** -1 once the server ends the connection (a reset counts): what came before it is not an answer. */
    private static int endOf(Socket s) throws Exception {
        try {
            byte[] got = s.getInputStream().readAllBytes();
            return got.length == 0 ? -1 : got.length;
        } catch (java.net.SocketException e) {
            return -1;      // reset: the server closed with our bytes unread
        }
    }

    /** --version, status and dashboard start-up are benchmarked: none loads the server. */
    @Test
    void theServerLoadsOnlyInUp() throws Exception {
        manifest("");
        for (List<String> args : List.of(List.of("--version"), List.of("status"), List.of("dashboard"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Fixtures.javaBin(), "-Xlog:class+load", "-jar",
                    Path.of("target/devlaunch.jar").toAbsolutePath().toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertTrue(out.contains("io.devlaunch.cli.Main"), "the log lists classes\n" + out.lines().limit(5).toList());
            assertFalse(out.contains("io.devlaunch.web.") || out.contains("com.sun.net.httpserver"), args + " loaded server classes");
        }
    }
}
