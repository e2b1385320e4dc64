package io.devlaunch.ipc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.supervise.ServiceState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real supervisor's control socket under abuse — garbage, huge lines, deep nesting, idle and
 * half-open peers, many at once — answers each with an error or closes it, and ping and restart
 * keep working afterwards.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(90)
class ControlServerTest {
    static final String WEB = """
            services { web { command = "echo ready; exec sleep 60", health.log = "ready" } }
            """;
    private static final Duration ANSWER = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    /** After whatever a test did: the supervisor runs, answers a ping, and restarts a service. */
    private static void stillWorks(ControlHarness h) throws Exception {
        assertTrue(h.running(), "the supervisor is still running");
        assertEquals(new Protocol.Done(true, "pong"), ControlClient.call(h.socket(), new Protocol.Ping(), l -> { }));
        long spawned = h.spawns("web");
        List<String> lines = new CopyOnWriteArrayList<>();
        Protocol.Done d = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("web"), false, false), lines::add);
        assertEquals(new Protocol.Done(true, "restarted"), d, String.join("\n", lines));
        assertEquals(spawned + 1, h.spawns("web"), "web was started again");
        assertTrue(lines.stream().anyMatch(l -> l.matches("devlaunch \\| web +healthy in .*")), "progress is streamed: " + lines);
    }

    private static void assertRefused(String reply, String why) {
        assertTrue(reply.startsWith("{\"done\":true,\"ok\":false,\"message\":\"") && reply.endsWith("\"}\n"), "one error line: " + reply);
        assertTrue(reply.contains(why), "says why (" + why + "): " + reply);
    }

    private static String refusal(ControlHarness h, byte[] request) throws Exception {
        try (RawPeer p = RawPeer.connect(h.socket())) {
            p.send(request);
            return p.readToEnd(ANSWER);
        }
    }

    @Test
    void pingAndRestartAnswer() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB)) {
            h.awaitState("web", ServiceState.HEALTHY);
            stillWorks(h);
            Protocol.Done unknown = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("db"), false, false), l -> { });
            assertEquals(false, unknown.ok());
            assertTrue(unknown.message().contains("db is not part of this run, which has web"), unknown.message());
        }
    }

    /** `restart web` streams web's lines and devlaunch's own, not every service's chatter. */
    @Test
    void aRestartStreamsTheNamedServicesLinesOnly() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, """
                services {
                  web     { command = "echo web-says-hello; exec sleep 60" }
                  chatter { command = "while true; do echo chatter-line; sleep 0.01; done" }
                }
                """)) {
            h.awaitState("web", ServiceState.HEALTHY);
            h.awaitState("chatter", ServiceState.HEALTHY);
            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done d = ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of("web"), false, false), lines::add);
            assertEquals(new Protocol.Done(true, "restarted"), d, String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.matches("web +\\| web-says-hello")), "web's own line: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("devlaunch |")), "devlaunch's progress: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.startsWith("chatter")), "no other service's lines: " + lines);
        }
    }

    @Test
    void stoppingAOneShotThatHasExitedSaysSoInTheReply() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, """
                services {
                  migrate { command = "echo migrated", restart = no }
                  web { command = "echo ready; exec sleep 60", health.log = "ready" }
                }
                """)) {
            h.awaitState("migrate", ServiceState.EXITED);
            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done stopped = ControlClient.call(h.socket(), new Protocol.StopRequest(List.of("migrate")), lines::add);
            assertTrue(stopped.ok(), stopped.toString());
            assertTrue(lines.stream().anyMatch(l -> l.equals("devlaunch | migrate has already exited")), "said: " + lines);
            assertEquals(ServiceState.EXITED, h.state("migrate"));
        }
    }

    @Test
    void stopAndStartAnswerWithTheirProgress() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB)) {
            h.awaitState("web", ServiceState.HEALTHY);
            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done stopped = ControlClient.call(h.socket(), new Protocol.StopRequest(List.of("web")), lines::add);
            assertEquals(new Protocol.Done(true, "stopped web; `devlaunch start web` starts it again"), stopped, String.join("\n", lines));
            assertEquals(ServiceState.STOPPED, h.state("web"));
            assertTrue(lines.stream().anyMatch(l -> l.matches("devlaunch \\| web +stopping on request")), "progress is streamed: " + lines);
            assertTrue(h.running(), "every service stopped on request, and the run goes on");

            lines.clear();
            Protocol.Done started = ControlClient.call(h.socket(), new Protocol.StartRequest(List.of("web")), lines::add);
            assertEquals(new Protocol.Done(true, "started web"), started, String.join("\n", lines));
            assertEquals(ServiceState.HEALTHY, h.state("web"));
            assertEquals(2, h.spawns("web"));
            assertTrue(lines.stream().anyMatch(l -> l.matches("devlaunch \\| web +healthy in .*")), "progress is streamed: " + lines);

            Protocol.Done unknown = ControlClient.call(h.socket(), new Protocol.StopRequest(List.of("db")), l -> { });
            assertEquals(false, unknown.ok());
            assertTrue(unknown.message().contains("db is not part of this run, which has web"), unknown.message());
            assertRefused(refusal(h, "{\"cmd\":\"stop\",\"services\":[]}\n".getBytes(StandardCharsets.UTF_8)),
                    "\\\"stop\\\" needs at least one service");
            stillWorks(h);
        }
    }

    @Test
    void malformedRequestsGetAnErrorLineAndTheSupervisorCarriesOn() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB)) {
            h.awaitState("web", ServiceState.HEALTHY);
            byte[] random = new byte[8192];
            new Random(11).nextBytes(random);
            random[4000] = '\n';
            String reply = refusal(h, random);
            assertTrue(reply.isEmpty() || reply.contains("\"ok\":false"), "random bytes: " + reply);
            assertRefused(refusal(h, "this is not json\n".getBytes(StandardCharsets.UTF_8)), "not a JSON object");
            assertRefused(refusal(h, "{\"cmd\": \"ping\"\n".getBytes(StandardCharsets.UTF_8)), "not a JSON object");
            assertRefused(refusal(h, "[\"ping\"]\n".getBytes(StandardCharsets.UTF_8)), "not a JSON object");
            assertRefused(refusal(h, "{}\n".getBytes(StandardCharsets.UTF_8)), "it has no \\\"cmd\\\" field");
            assertRefused(refusal(h, "{\"cmd\":\"launch\"}\n".getBytes(StandardCharsets.UTF_8)), "unknown command \\\"launch\\\"");
            assertRefused(refusal(h, "{\"cmd\":\"restart\",\"services\":\"web\"}\n".getBytes(StandardCharsets.UTF_8)),
                    "\\\"services\\\" must be a list of service names");
            assertRefused(refusal(h, "{\"cmd\":\"restart\",\"services\":[],\"reset\":\"yes\"}\n".getBytes(StandardCharsets.UTF_8)),
                    "\\\"reset\\\" must be true or false");
            assertRefused(refusal(h, new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}', '\n'}), "not UTF-8 text");
            stillWorks(h);
        }
    }

    @Test
    void deepNestingIsRefusedBeforeAnyParserRecursesIntoIt() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB)) {
            h.awaitState("web", ServiceState.HEALTHY);
            // 100,000 deep is over the size limit; 60,000 is under it and still overflows a recursive parser's stack.
            assertRefused(refusal(h, ("[".repeat(100_000) + "\n").getBytes(StandardCharsets.US_ASCII)), "longer than 64 KiB");
            assertRefused(refusal(h, ("[".repeat(60_000) + "\n").getBytes(StandardCharsets.US_ASCII)), "nested 60000 levels deep");
            assertRefused(refusal(h, ("{\"cmd\":\"ping\",\"x\":" + "{\"a\":".repeat(9) + "1" + "}".repeat(9) + "}\n")
                    .getBytes(StandardCharsets.US_ASCII)), "nested 10 levels deep");
            stillWorks(h);
        }
    }

    @Test
    void aTenMegabyteLineWithoutNewlineIsRefusedAndClosed() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB); RawPeer p = RawPeer.connect(h.socket())) {
            h.awaitState("web", ServiceState.HEALTHY);
            byte[] huge = new byte[10 * 1024 * 1024];
            java.util.Arrays.fill(huge, (byte) 'a');
            CompletableFuture<Void> sending = p.sendInBackground(huge);
            assertRefused(p.readToEnd(ANSWER), "longer than 64 KiB without a newline");
            await().atMost(ANSWER).until(sending::isDone);     // written, or failed once the server closed: never stuck
            stillWorks(h);
        }
    }

    @Test
    void idleAndHalfOpenPeersAreAnsweredAndClosedAfterTheRequestDeadline() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB, Limits.DEFAULT.withRequestDeadline(Duration.ofMillis(500)));
             RawPeer idle = RawPeer.connect(h.socket());
             RawPeer half = RawPeer.connect(h.socket())) {
            half.send("{\"cmd\":\"pi");
            half.channel.shutdownOutput();      // half-closed with a fragment: that fragment is its request
            assertRefused(half.readToEnd(ANSWER), "not a JSON object");
            assertRefused(idle.readToEnd(ANSWER), "no complete request line within 500ms");
            await().atMost(ANSWER).until(() -> h.server.openConnections() == 0);
            h.awaitState("web", ServiceState.HEALTHY);
            stillWorks(h);
        }
    }

    @Test
    void twoIdleConnectionsDoNotHoldUpARestart() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB, Limits.DEFAULT.withRequestDeadline(Duration.ofSeconds(60)));
             RawPeer one = RawPeer.connect(h.socket());
             RawPeer two = RawPeer.connect(h.socket())) {
            one.send("{");      // a client that started a request and never finished it
            h.awaitState("web", ServiceState.HEALTHY);
            stillWorks(h);
            assertTrue(h.server.openConnections() >= 2, "the idle two are still open: they were served side by side");
        }
    }

    @Test
    void fiftyConnectionsAtOnceAreAllServed() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, WEB)) {
            h.awaitState("web", ServiceState.HEALTHY);
            List<RawPeer> idle = new ArrayList<>();
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(50);
            try {
                for (int i = 0; i < 50; i++) idle.add(RawPeer.connect(h.socket()));
                List<CompletableFuture<Protocol.Done>> pings = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    pings.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            return ControlClient.call(h.socket(), new Protocol.Ping(), l -> { });
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, clients));
                }
                for (CompletableFuture<Protocol.Done> f : pings) assertEquals(new Protocol.Done(true, "pong"), f.get());
                stillWorks(h);
            } finally {
                clients.shutdownNow();
                for (RawPeer p : idle) p.close();
            }
        }
    }
}
