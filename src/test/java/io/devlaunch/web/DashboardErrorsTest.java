package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Every request gets an answer with the security headers: a silent supervisor, a bad address, a bug. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class DashboardErrorsTest {
    private static final long WAIT_MS = 300;

    @TempDir
    Path dir;

    private static void assertJsonErrorWithHeaders(HttpResponse<String> r, int code) {
        assertEquals(code, r.statusCode(), r.body());
        assertEquals(Responses.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals(Responses.JSON, r.headers().firstValue("Content-Type").orElse(null));
        assertFalse(Json.parse(r.body()).getString("error").contains("Exception"), "a sentence, not an exception: "
                + r.body());
    }

    @Test
    void aSupervisorThatDoesNotAnswerIs503AndALateAnswerLeavesNoDeadStream() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }", WAIT_MS)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> b.get("/api/status").statusCode() == 200
                    && b.get("/api/status").body().contains("\"healthy\""));
            // A listener runs on the supervisor's loop: holding it there is a supervisor busy for longer than requests
            // wait.
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch held = new CountDownLatch(1);
            b.supervisor.addListener(c -> {
                if (held.getCount() == 0) return;
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                b.supervisor.restart(java.util.List.of("app"), false, () -> {});
                assertTrue(held.await(10, TimeUnit.SECONDS), "the restart's first transition holds the loop");
                HttpResponse<String> status = b.get("/api/status");
                assertJsonErrorWithHeaders(status, 503);
                assertTrue(status.body().contains("supervisor did not answer"), status.body());
                assertJsonErrorWithHeaders(b.get("/api/services/app/logs"), 503);
                assertJsonErrorWithHeaders(b.get("/api/events"), 503);
            } finally {
                release.countDown();
            }
            // The loop runs work in order: once this snapshot is answered, the late one of /api/events was taken too.
            await().atMost(Duration.ofSeconds(20)).until(() -> b.get("/api/status").statusCode() == 200);
            assertEquals(0, b.dashboardStreams(), "the timed-out event stream was not registered after all");
        }
    }

    @Test
    void aBugIsA500JsonAnswerWithTheHeadersAndTheNextRequestIsServed() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }")) {
            b.statusBug = new IllegalStateException("a bug");
            HttpResponse<String> r = b.get("/api/status");
            assertEquals(500, r.statusCode(), r.body());
            assertEquals(Responses.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null));
            assertEquals(Responses.JSON, r.headers().firstValue("Content-Type").orElse(null));
            assertTrue(Json.parse(r.body()).getString("error")
                    .startsWith("the dashboard failed on this request (IllegalStateException"), r.body());
            b.statusBug = null;
            assertEquals(200, b.get("/api/status").statusCode());
        }
    }

    @Test
    void aBadPercentEscapeIs400WithASentence() throws Exception {
        Api.BadRequest e = org.junit.jupiter.api.Assertions.assertThrows(Api.BadRequest.class,
                () -> Api.decode("app%zz"));
        assertEquals("the address has a bad %-escape in \"app%zz\" (a % must be followed by two hex digits)",
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(Api.BadRequest.class, () -> Api.decode("x%4"));
        assertEquals("a b/c", Api.decode("a+b%2Fc"));
        try (Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }")) {
            // Over HTTP the JDK's server refuses such an address itself (400), before any handler runs.
            String auth = "Authorization: Bearer " + b.token();
            String host = "127.0.0.1:" + b.port();
            for (String path : new String[] {"/api/services/%zz/logs", "/api/services/app/logs?n=%zz", "/?token=%zz"}) {
                String r = b.raw("GET", path, host, auth);
                assertTrue(r.startsWith("HTTP/1.1 400"), path + "\n" + r);
            }
        }
    }
}
