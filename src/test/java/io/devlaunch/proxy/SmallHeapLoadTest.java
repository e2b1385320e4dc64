package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.ProxyBenchMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy as the supervisor runs it (-Xmx64m, which also caps direct memory at ~64 MB), in a
 * child JVM: 700 slow requests at once, then all their answers (256 KiB each) at once. Before the
 * buffer budget each spliced connection took 2 × 64 KiB at connect, ~500 of them exhausted direct
 * memory, the proxy thread died of OutOfMemoryError and the port refused every connection after.
 */
class SmallHeapLoadTest {
    private static final int CLIENTS = 700;
    private static final int BODY = 256 * 1024;

    @Test
    void sevenHundredSlowRequestsAtOnceUnderXmx64mAreAllAnsweredAndTheProxyStillServesAfter() throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        byte[] body = SpliceTest.random(BODY, 7);
        try (TestServer server = new TestServer(0, s -> {
            Sockets.readHead(s.getInputStream());
            try {
                answer.await(60, TimeUnit.SECONDS);   // a slow request: the answer comes later, to all at once
            } catch (InterruptedException e) {
                return;
            }
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(body);
        })) {
            int pub = Sockets.freePort();
            Process proxy = startProxy(pub, server.port());
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    Socket c = Sockets.connect(pub);
                    c.setSoTimeout(30_000);
                    clients.add(c);
                    Sockets.send(c, Sockets.get("/slow/" + i, null));
                }
                await("all " + CLIENTS + " requests forwarded (server saw " + server.accepted.get() + ")")
                        .atMost(Duration.ofSeconds(30)).until(() -> server.accepted.get() == CLIENTS);
                answer.countDown();
                int complete = 0;
                for (Socket c : clients) {
                    byte[] reply = Sockets.readAll(c.getInputStream());
                    if (reply.length > BODY && reply[9] == '2') complete++;
                }
                assertEquals(CLIENTS, complete, "answers that arrived whole");
                assertTrue(proxy.isAlive(), "the proxy JVM is alive");
                try (Socket after = Sockets.connect(pub)) {
                    Sockets.send(after, Sockets.get("/after", null));
                    String head = new String(Sockets.readAll(after.getInputStream()), 0, 15, StandardCharsets.ISO_8859_1);
                    assertEquals("HTTP/1.1 200 OK", head, "a request after the load");
                }
            } finally {
                for (Socket c : clients) c.close();
                proxy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** ProxyBenchMain forwarding PUB to PRIV, with the supervisor's memory flags; returns once it is bound. */
    static Process startProxy(int pub, int priv) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ProxyBenchMain.class.getName(),
                "forward", Integer.toString(pub), Integer.toString(priv))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertTrue(line != null && line.startsWith("ready"), "the proxy said: " + line);
        Thread echo = new Thread(() -> out.lines().forEach(l -> System.err.println("proxy | " + l)), "proxy-output");
        echo.setDaemon(true);
        echo.start();
        return p;
    }
}
