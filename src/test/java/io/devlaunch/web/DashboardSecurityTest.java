package io.devlaunch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Each of the dashboard's locks, at the HTTP level, against a real server. */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class DashboardSecurityTest {
    @TempDir
    Path dir;
    Board board;

    @BeforeEach
    void start() throws Exception {
        board = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }");
    }

    @AfterEach
    void stop() throws Exception {
        board.close();
    }

    private static void assertSecured(HttpResponse<?> r) {
        assertEquals(Responses.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null), "CSP on " + r.statusCode());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null));
    }

    @Test
    void withoutTheTokenEverythingIs401WithTheSecurityHeaders() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/status", "/api/events", "/api/services/app/logs")) {
            HttpResponse<String> r = board.send(board.request(path));
            assertEquals(401, r.statusCode(), path);
            assertSecured(r);
        }
        HttpResponse<String> wrong = board.send(board.request("/api/status").header("Authorization", "Bearer " + "x".repeat(43)));
        assertEquals(401, wrong.statusCode());
        HttpResponse<String> wrongCookie = board.send(board.request("/api/status").header("Cookie", "devlaunch_token_" + board.port() + "=nope"));
        assertEquals(401, wrongCookie.statusCode());
        assertEquals(401, board.send(board.request("/?token=nope")).statusCode());
        assertEquals(401, board.send(board.request("/api/status").POST(HttpRequest.BodyPublishers.noBody())).statusCode());
    }

    @Test
    void theTokenInTheAddressBecomesAStrictHttpOnlyCookieAndLeavesTheAddress() throws Exception {
        HttpResponse<String> r = board.send(board.request("/?token=" + board.token()));
        assertEquals(303, r.statusCode());
        assertEquals("/", r.headers().firstValue("Location").orElse(null));
        assertSecured(r);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(set.startsWith("devlaunch_token_" + board.port() + "=" + board.token() + ";"), set);
        assertTrue(set.contains("; HttpOnly") && set.contains("; SameSite=Strict") && set.contains("; Path=/"), set);

        String cookie = "other=1; devlaunch_token_" + board.port() + "=" + board.token();
        HttpResponse<String> api = board.send(board.request("/api/status").header("Cookie", cookie));
        assertEquals(200, api.statusCode(), "the cookie opens the API");
        HttpResponse<String> page = board.send(board.request("/").header("Cookie", cookie));
        assertSecured(page);
        // The page's files are the page helper's (src/main/resources/io/devlaunch/web/); without them, 404.
        if (StaticFiles.class.getResource("index.html") == null) {
            assertEquals(404, page.statusCode());
        } else {
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        }
    }

    @Test
    void theBearerTokenWorksAndApiAnswersAreJsonAndNotCached() throws Exception {
        HttpResponse<String> r = board.get("/api/status");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElse(null));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertSecured(r);
    }

    @Test
    void aHostOtherThanTheDashboardsOwnIs403() throws Exception {
        String auth = "Authorization: Bearer " + board.token();
        int other = board.port() == 65_535 ? board.port() - 1 : board.port() + 1;
        for (String host : List.of("evil.example:" + board.port(), "127.0.0.1:" + other, "localhost", "evil.example")) {
            String r = board.raw("GET", "/api/status", host, auth);
            assertTrue(r.startsWith("HTTP/1.1 403"), host + ":\n" + r);
            assertTrue(r.toLowerCase(java.util.Locale.ROOT).contains("content-security-policy: " + Responses.CSP.toLowerCase(java.util.Locale.ROOT)), r);
        }
        for (String host : List.of("127.0.0.1:" + board.port(), "localhost:" + board.port(), "[::1]:" + board.port())) {
            assertTrue(board.raw("GET", "/api/status", host, auth).startsWith("HTTP/1.1 200"), host);
        }
    }

    @Test
    void stateChangesNeedTheirOwnOriginUnlessTheBearerTokenCarriesThem() throws Exception {
        String own = "http://127.0.0.1:" + board.port();
        HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
        HttpResponse<String> foreign = board.send(board.bearer("/api/services/app/restart").header("Origin", "http://evil.example").POST(none));
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertSecured(foreign);
        HttpResponse<String> otherPort = board.send(board.bearer("/api/services/app/restart")
                .header("Origin", "http://127.0.0.1:" + (board.port() + 1)).POST(none));
        assertEquals(403, otherPort.statusCode());

        String cookie = "devlaunch_token_" + board.port() + "=" + board.token();
        HttpResponse<String> cookieNoOrigin = board.send(board.request("/api/services/app/restart").header("Cookie", cookie).POST(none));
        assertEquals(403, cookieNoOrigin.statusCode(), cookieNoOrigin.body());
        assertTrue(cookieNoOrigin.body().contains("Origin"), cookieNoOrigin.body());

        HttpResponse<String> bearer = board.post("/api/services/app/restart");
        assertEquals(202, bearer.statusCode(), bearer.body());
        assertEquals("{\"accepted\":true,\"service\":\"app\",\"action\":\"restart\"}", bearer.body());
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                board.post("/api/restart").statusCode() == 202);

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> board.send(board.request("/api/restart")
                .header("Cookie", cookie).header("Origin", own).POST(none)).statusCode() == 202);
    }

    @Test
    void otherMethodsAre405AndOnlyThePagesFilesAreServed() throws Exception {
        HttpResponse<String> put = board.send(board.bearer("/api/status").PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, put.statusCode());
        assertSecured(put);
        String auth = "Authorization: Bearer " + board.token();
        String host = "127.0.0.1:" + board.port();
        for (String path : List.of("/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/io/devlaunch/web/index.html",
                "/DashboardServer.class", "/index.html/..")) {
            String r = board.raw("GET", path, host, auth);
            assertFalse(r.startsWith("HTTP/1.1 200"), path + "\n" + r);
            assertFalse(r.contains("root:"), r);
        }
        assertEquals(405, board.send(board.bearer("/api/services/app/restart")).statusCode(), "a GET never restarts");
    }

    @Test
    void twoDashboardsOnTwoPortsKeepTheirOwnCookiesInOneBrowser() throws Exception {
        // A browser sends 127.0.0.1's cookies to every port (RFC 6265 §8.5), as CookieManager does:
        // with one cookie name, opening B would replace A's cookie and log A's tab out.
        try (Board other = Board.start(dir.resolve("b"), Fixtures.freePort(), "app { command = \"sleep 60\" }")) {
            java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager()).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
            for (Board b : List.of(board, other)) {
                HttpResponse<String> login = browser.send(b.request("/?token=" + b.token()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(303, login.statusCode());
            }
            for (Board b : List.of(board, other)) {
                HttpResponse<String> r = browser.send(b.request("/api/status").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), "port " + b.port() + " still logged in: " + r.body());
            }
        }
    }

    @Test
    void theTokenIsRecordedOwnerOnlyAndRemovedAtTheEnd() throws Exception {
        Path rec = dir.resolve(".devlaunch/dashboard.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rec)));
        assertTrue(Files.readString(rec).contains(board.token()));
        board.close();
        assertFalse(Files.exists(rec), "no token left on disk after the run");
    }
}
