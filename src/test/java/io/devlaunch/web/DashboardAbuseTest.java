package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a hostile local client can do to the dashboard without the token, against a real server on
 * a real port: none of it may cost the supervisor descriptors, or the dashboard its answers.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DashboardAbuseTest {
    /** Descriptors other threads of this JVM may open or close meanwhile (the supervisor's logs, a class jar). */
    private static final int SLACK = 10;

    @TempDir
    Path dir;
    Board board;

    @BeforeEach
    void start() throws Exception {
        board = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }");
        await().atMost(Duration.ofSeconds(20)).until(() -> board.get("/api/status").body().contains("\"healthy\""));
    }

    @AfterEach
    void stop() throws Exception {
        board.close();
    }

    /** This JVM's open descriptors: the dashboard's sockets are among them. */
    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    private void sendAndDrop(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", board.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void dropAll(int n) throws Exception {
        String host = "Host: 127.0.0.1:" + board.port() + "\r\n";
        for (int i = 0; i < n; i++) {
            switch (i % 4) {
                case 0 -> sendAndDrop("GET / HTTP/1.1\r\n");                                  // headers cut off
                case 1 -> sendAndDrop("GET /api/status HTTP/1.1\r\n" + host);                 // the blank line never comes
                case 2 -> sendAndDrop("GET /api/status HTTP/1.1\r\n" + host + "\r\n");        // a whole request, no token
                default -> sendAndDrop("GET /app.js HTTP/1.1\r\n" + host + "Authorization: Bearer " + board.token() + "\r\n\r\n");
            }
        }
    }

    @Test
    void aThousandDroppedRequestsLeaveTheDescriptorsWhereTheyWere() throws Exception {
        dropAll(40);     // the classes and jars the answers need are loaded and open from here on
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> board.get("/api/status").statusCode() == 200);
        int before = openFds();
        assertTrue(before > 0, "/proc/self/fd");
        dropAll(1_000);
        await("descriptors back to " + before).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> openFds() <= before + SLACK);
        assertEquals(200, board.get("/api/status").statusCode(), "the dashboard still answers");
    }

    @Test
    void droppedEventStreamsGiveTheirDescriptorsBack() throws Exception {
        String request = "GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:" + board.port() + "\r\nAuthorization: Bearer " + board.token() + "\r\n\r\n";
        sendAndDrop(request);
        await().atMost(Duration.ofSeconds(20)).until(() -> board.dashboardStreams() == 0);
        int before = openFds();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 10; i++) {     // under EventHub.MAX_STREAMS: each one is a stream, not a 503
                try (Socket s = new Socket("127.0.0.1", board.port())) {
                    s.setSoTimeout(10_000);
                    write(s.getOutputStream(), request);
                    InputStream in = s.getInputStream();
                    String head = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
                    assertEquals("HTTP/1.1 200", head, "a stream opened");
                }                               // and the tab is closed
            }
            // Only a write finds a browser gone: a restart's transitions go to every stream at once.
            await().atMost(Duration.ofSeconds(30)).until(() -> board.post("/api/services/app/restart").statusCode() == 202);
            await().atMost(Duration.ofSeconds(30)).until(() -> board.dashboardStreams() == 0);
        }
        await("descriptors back to " + before).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> openFds() <= before + SLACK);
    }

    @Test
    void thirtySlowClientsDoNotStopAnAnswer() throws Exception {
        try (Slowloris slow = new Slowloris(board.port(), 30)) {
            // Three ticks: every slow client has had a connection, and a thread reading it, for two seconds.
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.ticks() >= 3);
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                String r = statusOnANewConnection();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertTrue(r.startsWith("HTTP/1.1 200"), () -> r + "\n" + serverThreads());
                assertTrue(ms < 1_000, "GET /api/status took " + ms + " ms beside 30 slow clients");
            }
            assertTrue(slow.ticks() >= 3 && slow.connected() > 0, "the slow clients were still at it");
        }
    }

    /**
     * Requests the JDK server refuses itself, before the dashboard sees them: its fixed 400/501 page
     * carries none of the dashboard's security headers (it cannot: it is written by the JDK's own
     * code, with no hook), so what matters is that it carries nothing of the request either, and
     * ends the connection. No browser sends these: fetch and forms cannot forge a request line or a
     * header name.
     */
    @Test
    void requestsTheJdkRefusesEchoNothingAndEndTheConnection() throws Exception {
        String host = "Host: 127.0.0.1:" + board.port() + "\r\n";
        String script = "<script>alert(1)</script>";
        for (String request : List.of(
                "GET /" + script + " HTTP/1.1\r\n" + host + "\r\n",                           // not a URI
                "GET /?" + script + "\r\n" + host + "\r\n",                                     // no version
                "GET / HTTP/1.1\r\n" + host + "X" + script + ": 1\r\n\r\n",                      // a bad header name
                "POST /api/restart HTTP/1.1\r\n" + host + "Content-Length: 1\r\nContent-Length: " + script + "\r\n\r\n",
                "POST /api/restart HTTP/1.1\r\n" + host + "Transfer-Encoding: " + script + "\r\n\r\n")) {
            try (Socket s = new Socket("127.0.0.1", board.port())) {
                s.setSoTimeout(10_000);
                write(s.getOutputStream(), request);
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);   // to its end
                assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 501"), request + "\n" + answer);
                assertTrue(answer.contains("Connection: close"), answer);
                assertFalse(answer.contains("script") || answer.contains("alert"), "nothing of the request comes back:\n" + answer);
            }
        }
        assertEquals(200, board.get("/api/status").statusCode());
    }

    /** Where the dashboard's threads and the JDK's dispatcher are, for a failure's message. */
    private static String serverThreads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (!t.getName().startsWith("devlaunch-web-") && !t.getName().startsWith("HTTP-Dispatcher")) return;
            sb.append(t.getName()).append(' ').append(t.getState());
            for (int i = 0; i < Math.min(6, stack.length); i++) sb.append("\n    at ").append(stack[i]);
            sb.append('\n');
        });
        return sb.toString();
    }

    /** GET /api/status with the bearer token on a connection of its own; the whole answer, or why not. */
    private String statusOnANewConnection() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", board.port()), 5_000);
            s.setSoTimeout(5_000);
            write(s.getOutputStream(), "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1:" + board.port()
                    + "\r\nAuthorization: Bearer " + board.token() + "\r\nConnection: close\r\n\r\n");
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "no answer within 5 s (" + e.getMessage() + ")";
        }
    }

    static void write(OutputStream out, String text) throws Exception {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
