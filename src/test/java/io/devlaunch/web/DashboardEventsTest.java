package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.json.Json;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.testing.Fixtures;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** /api/events: the status first, then every transition and line, a resume, and a slow reader that skips. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class DashboardEventsTest {
    @TempDir
    Path dir;

    private static List<String> texts(List<SseReader.Event> logs) {
        return logs.stream().map(e -> Json.parse(e.data()).getString("text")).toList();
    }

    @Test
    void statusFirstThenTransitionsAndLinesInOrder() throws Exception {
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                app { command = "for i in $(seq 1 50); do echo line-$i; done; sleep 60" }
                """)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> b.events.stream().anyMatch(c
                    -> c.to() == ServiceState.HEALTHY));
            try (SseReader sse = new SseReader(b, null)) {
                assertEquals(200, sse.status);
                sse.awaitEvent(e -> e.type().equals("status"), Duration.ofSeconds(10));
                assertEquals(202, b.post("/api/services/app/restart").statusCode());
                sse.awaitEvent(e -> e.type().equals("log") && e.data().contains("\"text\":\"line-50\""),
                        Duration.ofSeconds(20));
                sse.awaitEvent(e -> e.type().equals("state") && Json.parse(e.data()).getString("to").equals("healthy"),
                        Duration.ofSeconds(20));

                assertEquals("status", sse.events.get(0).type(), "the status comes first: " + sse.events);
                assertEquals(b.manifest.project(), Json.parse(sse.events.get(0).data()).getString("project"));
                List<String> to = sse.of("state").stream().map(e -> Json.parse(e.data()).getString("to")).toList();
                assertTrue(to.indexOf("stopping") >= 0 && to.indexOf("stopping") < to.lastIndexOf("healthy"),
                        to.toString());
                Config healthy = sse.of("state").stream().map(e -> Json.parse(e.data()))
                        .filter(c -> c.getString("to").equals("healthy")).findFirst().orElseThrow();
                assertEquals("app", healthy.getString("service"));
                assertEquals("app", healthy.getString("row.name"));
                assertEquals(healthy.getLong("pid"), healthy.getLong("row.pid"));

                List<SseReader.Event> logs = sse.of("log");
                assertEquals(IntStream.rangeClosed(1, 50).mapToObj(i -> "line-" + i).toList(), texts(logs));
                for (int i = 1; i < logs.size(); i++) {
                    assertEquals(Long.parseLong(logs.get(i - 1).id()) + 1, Long.parseLong(logs.get(i).id()),
                            "one sequence, in order");
                    assertEquals(logs.get(i).id(), String.valueOf(Json.parse(logs.get(i).data()).getLong("seq")));
                }
            }
        }
    }

    @Test
    void theLastTransitionsOfTheRunStillReachAnOpenStream() throws Exception {
        Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }");
        SseReader sse;
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> b.events.stream().anyMatch(c
                    -> c.to() == ServiceState.HEALTHY));
            sse = new SseReader(b, null);
            sse.awaitEvent(e -> e.type().equals("status"), Duration.ofSeconds(10));
        } finally {
            b.close();
        }
        sse.awaitEvent(e -> e.type().equals("state") && Json.parse(e.data()).getString("to").equals("stopped"),
                Duration.ofSeconds(5));
        sse.close();
    }

    @Test
    void aResumeReplaysWhatTheRingsHoldAndCountsTheRest() throws Exception {
        int printed = EventHub.RING_LINES + 500;
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                app { command = "seq 1 %d; sleep 60" }
                """.formatted(printed))) {
            await().atMost(Duration.ofSeconds(20)).until(()
                    -> b.get("/api/services/app/logs?n=1").body().contains("\"text\":\"" + printed + "\""));
            Config tail = Json.parse(b.get("/api/services/app/logs?n=2000").body());
            assertEquals(EventHub.RING_LINES, tail.getConfigList("lines").size());
            assertEquals(0, tail.getLong("skipped"));
            long seqOf2400 = tail.getConfigList("lines").stream().filter(l
                    -> l.getString("text").equals("2400")).findFirst()
                    .orElseThrow().getLong("seq");

            try (SseReader sse = new SseReader(b, String.valueOf(seqOf2400))) {
                sse.awaitEvent(e -> e.type().equals("log") && e.data().contains("\"text\":\"" + printed + "\""),
                        Duration.ofSeconds(10));
                assertEquals(IntStream.rangeClosed(2401, printed).mapToObj(String::valueOf).toList(),
                        texts(sse.of("log")));
                assertEquals(List.of(), sse.of("skipped"), "nothing was missed");
            }
            long firstSeq = tail.getConfigList("lines").get(0).getLong("seq");
            try (SseReader sse = new SseReader(b, String.valueOf(firstSeq - 501))) {
                sse.awaitEvent(e -> e.type().equals("skipped"), Duration.ofSeconds(10));
                assertEquals(EventHub.RING_LINES, sse.of("log").size(), "every line the ring holds, replayed");
                assertEquals(500, Json.parse(sse.of("skipped").get(0).data()).getLong("count"),
                        "the lines gone from the ring, counted");
                assertTrue(sse.events.indexOf(sse.of("skipped").get(0)) > sse.events.indexOf(sse.of("log")
                        .get(EventHub.RING_LINES - 1)));
            }
        }
    }

    @Test
    void aReaderThatDoesNotReadSkipsLinesAndTheChildNeverWaitsForIt() throws Exception {
        int lines = 300_000;
        String pad = "x".repeat(100);
        try (Board b = Board.start(dir, Fixtures.freePort(), """
                fast { command = "sleep 1; seq -f '%%06g %s' 1 %d", restart = no }
                """.formatted(pad, lines))) {
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress("127.0.0.1", b.port()));
                stalled.getOutputStream().write(("GET /api/events HTTP/1.0\r\nHost: 127.0.0.1:" + b.port()
                        + "\r\nAuthorization: Bearer "
                        + b.token() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                await().atMost(Duration.ofSeconds(10)).until(() -> b.dashboardStreams() == 1);
                // The child writes everything while this reader reads nothing.
                await().atMost(Duration.ofSeconds(60)).until(() -> b.events.stream().anyMatch(c
                        -> c.to() == ServiceState.EXITED));
                // Flushed before the exit is reported; past 10 MiB, so read across the rotation as `logs` does.
                Path log = dir.resolve(".devlaunch/logs/fast.log");
                assertEquals(lines, io.devlaunch.output.RotatingLogReader.tail(log, lines + 1).size(),
                        "every line reaches the log files");

                InputStream in = stalled.getInputStream();
                StringBuilder got = new StringBuilder();
                byte[] buf = new byte[65536];
                Pattern skipped = Pattern.compile("event: skipped\ndata: \\{\"count\":(\\d+)\\}");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                Matcher m = skipped.matcher("");
                while (System.nanoTime() < deadline) {
                    int n = in.read(buf);
                    if (n < 0) break;
                    got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    m = skipped.matcher(got);
                    if (m.find() && got.indexOf(String.format("%06d %s", lines, pad)) >= 0) break;
                }
                m = skipped.matcher(got);
                assertTrue(m.find(), "a skipped event once the reader reads again");
                long count = Long.parseLong(m.group(1));
                assertTrue(count > 0 && count < lines, "skipped " + count);
                assertTrue(got.indexOf(String.format("%06d %s", lines, pad)) >= 0, "then the newest lines");
                List<Long> ids = new ArrayList<>();
                Matcher id = Pattern.compile("\nid: (\\d+)\n").matcher(got);
                while (id.find()) ids.add(Long.parseLong(id.group(1)));
                for (int i = 1; i < ids.size(); i++) assertTrue(ids.get(i) > ids.get(i - 1), "in order");
            }
        }
    }
}
