package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One stream's queue: bounded, oldest dropped and counted, a ping when idle. */
class EventStreamTest {
    private static LogLine line(long seq) {
        return new LogLine(seq, "app", false, "line " + seq);
    }

    @Test
    void aFullQueueDropsTheOldestForThisStreamAndSaysHowManyFirst() throws Exception {
        EventStream s = new EventStream(3, TimeUnit.SECONDS.toNanos(60));
        s.offerAll(new LogLine[] {line(1), line(2), line(3), line(4)});
        s.offer(line(5));
        s.close();      // what is queued still goes out, then pump returns
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.pump(out);
        assertEquals("event: skipped\ndata: {\"count\":2}\n\n"
                + "event: log\nid: 3\ndata: {\"seq\":3,\"service\":\"app\",\"stream\":\"out\",\"text\":\"line 3\"}\n\n"
                + "event: log\nid: 4\ndata: {\"seq\":4,\"service\":\"app\",\"stream\":\"out\",\"text\":\"line 4\"}\n\n"
                + "event: log\nid: 5\ndata: {\"seq\":5,\"service\":\"app\",\"stream\":\"out\",\"text\":\"line 5\"}\n\n",
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anIdleStreamIsPingedAndEndsWhenClosed() throws Exception {
        EventStream s = new EventStream(8, TimeUnit.MILLISECONDS.toNanos(50));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread t = new Thread(() -> {
            try {
                s.pump(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).startsWith(": ping\n\n"));
        s.close();
        t.join(5_000);
        assertTrue(!t.isAlive(), "the stream's thread returns once closed");
    }

    @Test
    void aChildsLineIsTextInJsonAndLongLinesAreCut() {
        LogLine l = new LogLine(7, "web", true, "<img src=x onerror=alert(1)> \"q\" \u001b[31mred\u001b[0m");
        assertEquals("{\"seq\":7,\"service\":\"web\",\"stream\":\"err\",\"text\":\"\\u003cimg src=x onerror=alert(1)\\u003e \\\"q\\\" "
                + "\\u001b[31mred\\u001b[0m\"}", l.json());
        String cut = LogLine.cap("x".repeat(LogLine.MAX_CHARS + 10));
        assertEquals(LogLine.MAX_CHARS + LogLine.CUT_MARKER.length(), cut.length());
        assertTrue(cut.endsWith(LogLine.CUT_MARKER));
    }
}
