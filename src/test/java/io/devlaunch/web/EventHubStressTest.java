package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.lines.LineBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Many services printing while a slow stream reads: seqs only go up, every line is sent or counted skipped, nothing
 * throws.
 */
class EventHubStressTest {
    @Test
    void aSlowStreamOverManyWrappingRingsSendsOrCountsEveryLine() throws Exception {
        EventHub hub = new EventHub();
        EventStream s = new EventStream(hub);
        assertTrue(hub.open(s, -1));
        StringBuilder got = new StringBuilder();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                got.append(new String(b, off, len, StandardCharsets.UTF_8));
                // A reader slower than the printers: each write takes a millisecond (not a wait for a condition).
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        };
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                s.pump(slow);
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        writer.start();
        Random r = new Random(1);
        int printed = 0;
        for (int round = 0; round < 3_000; round++) {
            List<String> lines = new ArrayList<>();
            int n = 1 + r.nextInt(40);
            for (int i = 0; i < n; i++) lines.add("\u001b[32mGET\u001b[0m /x/" + "é".repeat(r.nextInt(200)) + " 200");
            hub.onLines("w" + r.nextInt(22), r.nextBoolean(), LineBatch.of(lines));
            printed += n;
            if (round % 500 == 0) s.offerState(EventStream.frame("state", "{\"round\":" + round + "}"));
        }
        int all = printed;
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.published() == all);     // stored, or counted as dropped
        hub.close();
        writer.join(30_000);
        assertEquals(null, failed.get());
        long last = 0;
        long sent = 0;
        Matcher m = Pattern.compile("event: log\nid: (\\d+)\n").matcher(got);
        while (m.find()) {
            long id = Long.parseLong(m.group(1));
            assertTrue(id > last, id + " after " + last);
            last = id;
            sent++;
        }
        long skipped = 0;
        Matcher k = Pattern.compile("event: skipped\ndata: \\{\"count\":(\\d+)}").matcher(got);
        while (k.find()) skipped += Long.parseLong(k.group(1));
        assertEquals(last, sent + skipped, "every line up to the last sent is sent or counted");
        assertEquals(6, got.toString().split("event: state\n", -1).length - 1, "every transition");
        assertTrue(printed >= last);
    }
}
