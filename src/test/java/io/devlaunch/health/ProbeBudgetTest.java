package io.devlaunch.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A probe returns within its budget whatever the server does: says nothing, or trickles its answer
 * a few bytes at a time (which restarted a per-read timeout with every byte, for ever).
 */
@Timeout(60)
class ProbeBudgetTest {
    /** Scheduling on a loaded 2-core machine; what is under test is "bounded", not "punctual". */
    private static final long SLACK_MS = 700;

    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    /** Accepts every connection; {@code answer} then does what it likes with it, on its own thread. */
    private int serve(String host, Answer answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(host));
        open.add(server);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Socket s = server.accept();
                    open.add(s);
                    Thread each = new Thread(() -> {
                        try {
                            answer.to(s);
                        } catch (IOException closed) {
                            // the probe gave up and closed: expected
                        }
                    });
                    each.setDaemon(true);
                    each.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    interface Answer {
        void to(Socket s) throws IOException;
    }

    private static long timedMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void anHttpServerThatAcceptsAndNeverAnswersCostsOneBudget() throws Exception {
        int port = serve("127.0.0.1", s -> { });
        ProbeResult[] r = new ProbeResult[1];
        long ms = timedMs(() -> r[0] = new HttpCheck(URI.create("http://127.0.0.1:" + port + "/health"), 0).probe());
        assertFalse(r[0].ready());
        assertTrue(r[0].detail().endsWith(": no answer within 2.5s (the port accepts connections, the server does not respond)"),
                r[0].detail());
        assertTrue(ms <= HttpCheck.BUDGET.toMillis() + SLACK_MS, ms + " ms");
    }

    @Test
    void anHttpServerThatTricklesItsHeadersIsCutOffAtTheBudget() throws Exception {
        int port = serve("127.0.0.1", s -> {
            OutputStream out = s.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 1000; i++) {        // a byte every 100 ms: never a 2 s silence
                out.write('a');
                out.flush();
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        ProbeResult[] r = new ProbeResult[1];
        long ms = timedMs(() -> r[0] = new HttpCheck(URI.create("http://127.0.0.1:" + port + "/"), 0).probe());
        assertFalse(r[0].ready());
        assertTrue(r[0].detail().matches(".*: the answer did not finish within 2\\.5s \\(the server sent \\d+ bytes, then stalled\\)"),
                r[0].detail());
        assertTrue(ms <= HttpCheck.BUDGET.toMillis() + SLACK_MS, ms + " ms");
    }

    @Test
    void aStatusWhoseBodyNeverComesIsStillReportedWithinTheBudget() throws Exception {
        int port = serve("127.0.0.1", s -> s.getOutputStream().write(
                "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 100\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        ProbeResult[] r = new ProbeResult[1];
        long ms = timedMs(() -> r[0] = new HttpCheck(URI.create("http://127.0.0.1:" + port + "/"), 0).probe());
        assertTrue(r[0].detail().endsWith(" → 503 (expected 2xx)"), r[0].detail());
        assertTrue(ms <= HttpCheck.BUDGET.toMillis() + SLACK_MS, ms + " ms");
    }

    @Test
    void localhostSharesOneBudgetBetweenItsTwoLoopbacks() throws Exception {
        int port = serve("127.0.0.1", s -> { });
        try (ServerSocket v6 = new ServerSocket(port, 50, InetAddress.getByName("::1"))) {
            // Held in the backlog, never answered: the second loopback hangs as the first does.
            ProbeResult[] r = new ProbeResult[1];
            long ms = timedMs(() -> r[0] = new HttpCheck(URI.create("http://localhost:" + port + "/"), 0).probe());
            assertFalse(r[0].ready());
            assertTrue(ms <= HttpCheck.BUDGET.toMillis() + SLACK_MS, ms + " ms: both loopbacks in one budget, not one each");
        } catch (IOException noIpv6) {
            // no ::1 here (or the port is taken on it): the single-address cases above cover the budget
        }
    }
}
