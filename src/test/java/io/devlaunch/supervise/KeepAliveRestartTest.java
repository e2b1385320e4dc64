package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import io.devlaunch.testing.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy = true} with the clients real frontends use: one kept-alive connection each, a
 * request every 10 ms — Python's http.client reused with no retry (the strictest: a connection
 * closed under it fails the next request), and Java's HttpClient. Across five restarts no request
 * fails, and a restart does not wait for the kept-alive connections (it did: the whole
 * stop-timeout). After a SIGKILL only a request already sent to the killed instance may fail.
 */
@Timeout(120)
class KeepAliveRestartTest {
    @TempDir
    Path dir;

    @Test
    void keptAliveClientsSeeNoFailedRequestAcrossRestartsAndRestartsDoNotWaitForThem() throws Exception {
        Path python = Tools.need("python3", "python3");
        Path node = Tools.need("node", "nodejs");
        int port = Fixtures.freePort();
        Path client = dir.resolve("keepalive_client.py");
        Files.writeString(client, LineClient.PYTHON);
        Path nodeClient = dir.resolve("keepalive_client.js");
        Files.writeString(nodeClient, LineClient.NODE);
        String manifest = """
                services {
                  api {
                    command = %s
                    port = %d
                    proxy = true
                    stop-timeout = 8s
                    health.http = "http://127.0.0.1:%d/health"
                  }
                }
                """.formatted(javaCommand(HttpFixture.class, "$PORT"), port, port);
        try (Stack s = Stack.start(dir, manifest)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long idle = timedRestart(s);
            Process py = new ProcessBuilder(python.toString(), client.toString(), String.valueOf(port)).redirectErrorStream(true).start();
            Process js = new ProcessBuilder(node.toString(), nodeClient.toString(), String.valueOf(port)).redirectErrorStream(true).start();
            LineClient pyClient = new LineClient(py);
            LineClient nodeAgent = new LineClient(js);
            try (JavaClient java = new JavaClient(port)) {
                pyClient.awaitMore(20);
                nodeAgent.awaitMore(20);
                java.awaitMore(20);
                List<Long> busy = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    busy.add(timedRestart(s));
                    pyClient.awaitMore(10);
                    nodeAgent.awaitMore(10);
                    java.awaitMore(10);
                }
                assertEquals(List.of(), pyClient.failures, "http.client on one connection: " + pyClient.ok + " answered");
                assertEquals(List.of(), nodeAgent.failures, "Node's keep-alive agent: " + nodeAgent.ok + " answered");
                assertEquals(List.of(), java.failures, "HttpClient: " + java.ok + " answered");
                // Before issue 23 each of these waited the whole stop-timeout (8 s) for the busy connections.
                for (long ms : busy) assertTrue(ms < idle + 4_000, "restarts under load took " + busy + " ms, idle " + idle + " ms");
                System.out.println("KeepAliveRestartTest: idle restart " + idle + " ms; under keep-alive load " + busy + " ms");

                long pid = s.pid("api");
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();   // a crash, not a restart
                await().atMost(Duration.ofSeconds(30)).until(() -> s.pid("api") != pid && s.state("api") == ServiceState.HEALTHY);
                pyClient.awaitMore(20);
                nodeAgent.awaitMore(20);
                java.awaitMore(20);
                // Only a request already sent to the instance when it was killed can fail (one per client at most).
                System.out.println("KeepAliveRestartTest: after a SIGKILL, failed requests: http.client " + pyClient.failures
                        + ", Node agent " + nodeAgent.failures + ", HttpClient " + java.failures);
                assertTrue(pyClient.failures.size() <= 1, "http.client after a SIGKILL: " + pyClient.failures);
                assertTrue(nodeAgent.failures.size() <= 1, "Node's agent after a SIGKILL: " + nodeAgent.failures);
                assertTrue(java.failures.size() <= 1, "HttpClient after a SIGKILL: " + java.failures);
            } finally {
                for (Process p : List.of(py, js)) {
                    p.destroy();   // the clients we started, by their handles
                    if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
                }
            }
        }
    }

    private static long timedRestart(Stack s) throws Exception {
        long t0 = System.nanoTime();
        assertTrue(s.restart(List.of("api"), false, () -> { }), s.flat());
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** A client process that prints OK or FAIL … per request: Python's http.client or Node's keep-alive agent. */
    private static final class LineClient {
        /** GET every 10 ms on one HTTPConnection, never retried (a failure reconnects for the next). */
        static final String PYTHON = """
                import http.client, sys, time
                conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
                while True:
                    try:
                        conn.request("GET", "/")
                        r = conn.getresponse()
                        body = r.read()
                        print("OK" if r.status == 200 else "FAIL status %d %r" % (r.status, body[:80]), flush=True)
                    except Exception as e:
                        print("FAIL %s: %s" % (type(e).__name__, e), flush=True)
                        conn.close()
                        conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]), timeout=30)
                    time.sleep(0.01)
                """;
        /** GET every 10 ms through http.Agent({keepAlive: true, maxSockets: 1}), as Vite's proxy uses it. */
        static final String NODE = """
                const http = require("http");
                const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
                const port = Number(process.argv[2]);
                function next() {
                  const req = http.get({ host: "127.0.0.1", port, path: "/", agent }, (res) => {
                    let body = "";
                    res.on("data", (d) => (body += d));
                    res.on("end", () => {
                      console.log(res.statusCode === 200 ? "OK" : "FAIL status " + res.statusCode + " " + body.slice(0, 80));
                      setTimeout(next, 10);
                    });
                  });
                  req.on("error", (e) => { console.log("FAIL " + e.code + ": " + e.message); setTimeout(next, 10); });
                }
                next();
                """;
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger ok = new AtomicInteger();

        LineClient(Process p) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.equals("OK")) ok.incrementAndGet();
                        else failures.add(line);
                    }
                } catch (IOException e) {
                    failures.add("reading the client's output: " + e);
                }
            }, "py-keepalive-reader");
            t.setDaemon(true);
            t.start();
        }

        void awaitMore(int n) {
            int target = ok.get() + n;
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= target);
        }
    }

    /** Java's HttpClient (HTTP/1.1, its own keep-alive pool): a request 10 ms after the last one ended, on a scheduler. */
    private static final class JavaClient implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger ok = new AtomicInteger();
        private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();

        JavaClient(int port) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(30)).build();
            pace.scheduleWithFixedDelay(() -> {
                try {
                    HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) ok.incrementAndGet();
                    else failures.add("status " + r.statusCode() + ": " + r.body());
                } catch (IOException e) {
                    failures.add(e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();   // close(): the run is over
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
        }

        void awaitMore(int n) {
            int target = ok.get() + n;
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= target);
        }

        @Override
        public void close() throws InterruptedException {
            pace.shutdownNow();
            pace.awaitTermination(35, TimeUnit.SECONDS);
        }
    }
}
