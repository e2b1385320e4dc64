package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.EchoFixture;
import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy = true} end to end: a real service behind devlaunch's proxy, and a client that
 * opens a new connection for every request. While the service restarts, is killed, or crashes, the
 * client sees slower answers — never a refused or failed request.
 */
@Timeout(90)
class ProxiedServiceTest {
    @TempDir
    Path dir;

    private String manifest(int port, String extra) {
        return """
                services {
                  api {
                    command = %s
                    port = %d
                    proxy = true
                    health.http = "http://127.0.0.1:%d/health"
                    %s
                  }
                }
                """.formatted(javaCommand(HttpFixture.class, "$PORT"), port, port, extra);
    }

    @Test
    void restartsAndAKillAreInvisibleToAClient() throws Exception {
        int port = Fixtures.freePort();
        AtomicLong exitSeen = new AtomicLong(Long.MAX_VALUE);
        try (Stack s = Stack.start(dir, manifest(port, ""), System::nanoTime, c -> {
            if (c.to() == ServiceState.BACKOFF) exitSeen.compareAndSet(Long.MAX_VALUE, System.nanoTime());
        }); Client client = new Client(port)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long first = s.pid("api");
            Map<Integer, Integer> privatePorts = s.supervisor().status().get(5, TimeUnit.SECONDS).get(0).privatePorts();
            assertNotEquals(port, privatePorts.get(port), "the service listens on a private port: " + privatePorts);
            client.start();
            client.awaitMore(20);
            for (int i = 0; i < 2; i++) {
                assertTrue(s.restart(List.of("api"), false, () -> { }), s.flat());
                client.awaitMore(20);
            }
            assertEquals(List.of(), client.failures, "through restarts every request is answered 200; " + client.ok + " were");
            long restarted = s.pid("api");
            assertNotEquals(first, restarted);
            ProcessHandle.of(restarted).orElseThrow().destroyForcibly();     // SIGKILL: a crash, restarted after its backoff
            await().atMost(Duration.ofSeconds(20)).until(() -> s.pid("api") != restarted && s.state("api") == ServiceState.HEALTHY);
            client.awaitMore(20);
            client.stop();
            // A request already on its way when the server was SIGKILLed dies with it (until devlaunch sees the
            // exit, it forwards); every connection opened after that is held and answered by the new instance.
            List<Long> lateFailures = client.failedAt.stream().filter(t -> t > exitSeen.get()).toList();
            assertEquals(List.of(), lateFailures, "failures after the exit was seen: " + client.failures);
            assertTrue(client.failures.size() <= 2, "only what was in flight at the kill: " + client.failures);
            assertTrue(s.flat().contains("api port " + port + ": held"), "the console says what holding cost\n" + s.flat());
        }
    }

    @Test
    void aCrashLoopThatEndsHealthyIsOneSlowAnswerForAClientThatCameEarly() throws Exception {
        int port = Fixtures.freePort();
        // Crashes twice (an import error, say), then the third start serves: the client asked during the first crash.
        io.devlaunch.testing.TestFiles.write(dir.resolve("flaky.sh"), """
                n=$(cat tries 2>/dev/null || echo 0); echo $((n+1)) > tries
                if [ "$n" -lt 2 ]; then echo 'ImportError: cannot import name app'; exit 1; fi
                exec "$@"
                """);
        String java = javaCommand(HttpFixture.class, "$PORT");
        String flaky = """
                services {
                  api {
                    command = ["sh", "flaky.sh", %s]
                    port = %d
                    proxy = true
                    health.http = "http://127.0.0.1:%d/health"
                  }
                }
                """.formatted(java.substring(1, java.length() - 1), port, port);
        try (Stack s = Stack.start(dir, flaky)) {
            s.awaitState("api", ServiceState.BACKOFF);
            String answer = request(port);
            assertTrue(answer.startsWith("HTTP/1.1 200"), "held through two crashes, answered by the third start\n" + answer + s.flat());
            assertEquals(2, s.events.stream().filter(c -> c.to() == ServiceState.BACKOFF).count(), s.flat());
        }
    }

    @Test
    void aServiceThatWillNotComeBackAnswers503WithItsReason() throws Exception {
        int port = Fixtures.freePort();
        String crasher = """
                services {
                  api {
                    command = "echo 'ModuleNotFoundError: No module named <fastapi>'; exit 1"
                    port = %d
                    proxy = true
                    restart = no
                  }
                  keep { command = "sleep 60" }      # so the run goes on after api has ended
                }
                """.formatted(port);
        try (Stack s = Stack.start(dir, crasher)) {
            s.awaitState("api", ServiceState.EXITED);
            String answer = request(port, "text/html");
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
            assertTrue(answer.contains("Retry-After"), answer);
            assertTrue(answer.contains("api is not running: it exited"), answer);
            assertTrue(answer.contains("No module named &lt;fastapi&gt;"), "the reason, as text, never markup\n" + answer);
            assertTrue(request(port, "*/*").contains("error: ModuleNotFoundError: No module named <fastapi>"), "plain text for curl");
        }
    }

    @Test
    void plainTcpPassesThroughByteForByte() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, "services { echo { command = %s, port = %d, proxy = true } }"
                .formatted(javaCommand(EchoFixture.class, "$PORT"), port))) {
            s.awaitState("echo", ServiceState.HEALTHY);
            byte[] payload = new byte[256 * 1024];
            new java.util.Random(7).nextBytes(payload);
            try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread writer = new Thread(() -> {
                    try {
                        c.getOutputStream().write(payload);
                        c.shutdownOutput();
                    } catch (IOException ignored) {
                        // the read below fails the test
                    }
                });
                writer.start();
                byte[] back = c.getInputStream().readAllBytes();
                writer.join();
                assertTrue(java.util.Arrays.equals(payload, back), "echoed " + back.length + " of " + payload.length + " bytes");
            }
        }
    }

    static String request(int port) throws IOException {
        return request(port, "*/*");
    }

    /** One request on a new connection; the whole answer as text. */
    static String request(int port, String accept) throws IOException {
        try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
            c.setSoTimeout(30_000);
            OutputStream out = c.getOutputStream();
            out.write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = c.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Requests one after another, each on a new connection, until stopped; every answer but a 200 is a failure. */
    private static final class Client implements AutoCloseable {
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<Long> failedAt = new CopyOnWriteArrayList<>();     // when each failed request's connection was opened
        final AtomicInteger ok = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Client(int port) {
            thread = new Thread(() -> {
                while (running.get()) {
                    long opened = System.nanoTime();
                    try {
                        String answer = request(port);
                        if (answer.startsWith("HTTP/1.1 200")) {
                            ok.incrementAndGet();
                            continue;
                        }
                        failures.add(answer.lines().findFirst().orElse("(empty answer)"));
                    } catch (IOException e) {
                        failures.add(e.toString());
                    }
                    failedAt.add(opened);
                }
            }, "proxy-test-client");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        void awaitMore(int n) {
            int target = ok.get() + n;
            await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= target || !failures.isEmpty());
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(35_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
