package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.lines.LineBatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One stream: transitions first, lines from the rings after its cursor, a lagging stream skips, a ping when idle. */
class EventStreamTest {
    /** Prints lines {@code from..to} (seqs the same, on a fresh hub) and waits until the ingest thread stored them. */
    private static void print(EventHub hub, String service, int from, int to) {
        hub.onLines(service, false, LineBatch.of(IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList()));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.published() == to);
    }

    private static String log(long seq, String service) {
        return "event: log\nid: " + seq + "\ndata: " + LogLine.json(seq, service, false, "line " + seq) + "\n\n";
    }

    @Test
    void aTransitionGoesBeforeLinesAlreadyPendingAndALaggingStreamSkipsTheOldest() throws Exception {
        EventHub hub = new EventHub();
        EventStream s = new EventStream(hub, 3, TimeUnit.SECONDS.toNanos(60));
        assertTrue(hub.open(s, -1));
        print(hub, "app", 1, 5);
        s.offerState(EventStream.frame("state", "{\"service\":\"app\"}"));
        s.close();      // what is pending still goes out, then pump returns
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.pump(out);
        assertEquals("event: state\ndata: {\"service\":\"app\"}\n\n"
                + "event: skipped\ndata: {\"count\":2}\n\n"
                + log(3, "app") + log(4, "app") + log(5, "app"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void linesOfSeveralServicesGoInSequenceOrderAndOnlyThoseAfterTheStreamOpened() throws Exception {
        EventHub hub = new EventHub();
        print(hub, "a", 1, 2);
        EventStream s = new EventStream(hub);
        assertTrue(hub.open(s, -1));
        print(hub, "b", 3, 3);
        print(hub, "a", 4, 4);
        print(hub, "b", 5, 5);
        s.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.pump(out);
        assertEquals(log(3, "b") + log(4, "a") + log(5, "b"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIdleStreamIsPingedAndEndsWhenClosed() throws Exception {
        EventHub hub = new EventHub();
        EventStream s = new EventStream(hub, 8, TimeUnit.MILLISECONDS.toNanos(50));
        assertTrue(hub.open(s, -1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                s.pump(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        await().atMost(Duration.ofSeconds(5)).until(()
                -> out.toString(StandardCharsets.UTF_8).startsWith(": ping\n\n"));
        s.close();
        t.join(5_000);
        assertTrue(!t.isAlive(), "the stream's thread returns once closed");
    }

    @Test
    void aReaderThatTakesTransitionsAndReadsNoneIsEndedNotSilentlyShort() throws Exception {
        EventHub hub = new EventHub();
        EventStream s = new EventStream(hub);
        assertTrue(hub.open(s, -1));
        for (int i = 0; i <= EventStream.MAX_STATES; i++) s.offerState(EventStream.frame("state", "{}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.pump(out);       // returns at once: the stream is over
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChildsLineIsTextInJsonAndLongLinesAreCut() {
        assertEquals("{\"seq\":7,\"service\":\"web\",\"stream\":\"err\",\"text\":\"\\u003cimg src=x onerror=alert(1)\\u003e \\\"q\\\" "
                + "\\u001b[31mred\\u001b[0m\"}", LogLine.json(7, "web", true,
                        "<img src=x onerror=alert(1)> \"q\" \u001b[31mred\u001b[0m"));
        String cut = LogLine.cap("x".repeat(LogLine.MAX_CHARS + 10));
        assertEquals(LogLine.MAX_CHARS + LogLine.CUT_MARKER.length(), cut.length());
        assertTrue(cut.endsWith(LogLine.CUT_MARKER));
    }

    @Test
    void aBatchRendersAsEachOfItsLinesWouldOneByOne() {
        byte[] raw = ("plain line 0000001\n\n<b>&amp;</b> \"q\" back\\slash\ttab\n\u001b[31mred\u001b[0m\nd\u00e9j\u00e0 \u2713 \ud83d\ude00\n"
                + "del\u007f\n" + "y".repeat(LogLine.MAX_CHARS) + "\n" + "z".repeat(LogLine.MAX_CHARS + 1) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(raw, raw.length + 3);
        bytes[raw.length] = (byte) 0xc3;            // a cut UTF-8 character, then a line of its own
        bytes[raw.length + 1] = 'x';
        bytes[raw.length + 2] = '\n';
        List<LineBatch> batches = new ArrayList<>();
        new io.devlaunch.lines.LineSplitter(batches::add).feed(java.nio.ByteBuffer.wrap(bytes), true);
        LineBatch lines = batches.get(0);
        for (boolean stderr : new boolean[] {false, true}) {
            Bytes out = new Bytes(16);
            int[] ends = LogLine.renderBatch(out, "svc-1", stderr, lines);
            assertEquals(lines.size(), ends.length);
            for (int i = 0; i < lines.size(); i++) {
                String one = LogLine.renderRest(new StringBuilder(), "svc-1", stderr,
                        LogLine.cap(lines.line(i))).toString();
                String got = new String(out.toArray(), i == 0 ? 0 : ends[i - 1], ends[i] - (i == 0 ? 0 : ends[i - 1]),
                        StandardCharsets.UTF_8);
                assertEquals(one, got, "line " + i);
            }
        }
    }

    @Test
    void aBatchBiggerThanTheRingLeavesWhatSmallerBatchesOfTheSameLinesWould() {
        EventHub whole = new EventHub();
        EventHub parts = new EventHub();
        int n = EventHub.RING_LINES * 2 + 500;
        print(whole, "svc", 1, n);
        for (int from = 1; from <= n; from += 500) print(parts, "svc", from, from + 499);
        for (EventHub hub : List.of(whole, parts)) print(hub, "svc", n + 1, n + 1);
        assertEquals(parts.published(), whole.published());
        for (int k : new int[] {1, 10, EventHub.RING_LINES}) {
            assertEquals(parts.tail("svc", k), whole.tail("svc", k), "tail " + k);
        }
        assertTrue(whole.tail("svc", 1).linesJson().contains("\"seq\":" + (n + 1) + ","));
        whole.close();
        parts.close();
    }

    @Test
    void aRingKeepsTheLastLinesWhateverTheirLengthsAsTheirUtf8Json() {
        LineRing ring = new LineRing(50);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            String text = "é✓😀".repeat(i % 7) + "x".repeat((i * 37) % (i % 100 == 0 ? 9_000 : 300));
            byte[] rest = LogLine.renderRest(new StringBuilder(), "svc", false,
                    text).toString().getBytes(StandardCharsets.UTF_8);
            ring.add(i, rest, 0, rest.length);
            expected.add(LogLine.json(i, "svc", false, text));
            if (expected.size() > 50) expected.remove(0);
            if (i % 97 == 0 || i == 5_000) {
                assertEquals(expected.size(), ring.size());
                for (int k = 0; k < ring.size(); k++) {
                    Bytes b = new Bytes(16);
                    ring.copy(k, b);
                    assertEquals(expected.get(k), new String(b.toArray(), StandardCharsets.UTF_8),
                            "line " + k + " after " + i);
                }
                assertEquals(i - ring.size() + 1, ring.seq(ring.firstAfter(i - ring.size())));
            }
        }
        assertTrue(ring.capacityBytes() <= LineRing.MAX_BYTES);
    }
}
