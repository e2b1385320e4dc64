package io.devlaunch.output;

import io.devlaunch.lines.LineBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RotatingLogReaderTest {
    private static final long LIMIT = 64 * 1024;

    @TempDir
    Path dir;

    private static int number(String line) {
        return Integer.parseInt(line.substring(line.indexOf("line ") + 5, line.indexOf(' ', line.indexOf("line ")
                + 5)));
    }

    @Test
    void theTailSpansTheRotatedFilesOldestFirst() throws Exception {
        try (LogFiles files = new LogFiles(dir, LIMIT, 3)) {
            LogFile log = files.open("api", w -> { });
            for (int i = 0; i < 1_500; i++) log.write(LineBatch.of(List.of("line " + i + " " + "z".repeat(100))), 0);
        }
        Path current = dir.resolve("api.log");
        assertTrue(Files.exists(LogFile.rotated(current, 2)), "the test writes enough to rotate twice");
        int n = Files.readAllLines(current).size() + 700;       // more than the current file holds
        List<String> tail = RotatingLogReader.tail(current, n);
        assertEquals(n, tail.size());
        for (int i = 0; i < n; i++) assertEquals(1_500 - n + i, number(tail.get(i)), "contiguous, newest last");
    }

    /** A follower reading while the writer rotates under it: every line once, in order. */
    @Test
    void followingAcrossRotationsLosesNothing() throws Exception {
        int total = 20_000;
        Path current = dir.resolve("api.log");
        List<String> read = new ArrayList<>();
        try (LogFiles files = new LogFiles(dir, LIMIT, 2)) {
            LogFile log = files.open("api", w -> { throw new AssertionError(w); });
            RotatingLogReader reader = new RotatingLogReader(current);
            AtomicBoolean writing = new AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger progress = new java.util.concurrent.atomic.AtomicInteger();
            Thread writer = new Thread(() -> {
                for (int i = 0; i < total; i += 20) {
                    List<String> batch = new ArrayList<>();
                    for (int k = i; k < i + 20; k++) batch.add("line " + k + " " + "w".repeat(40));
                    log.write(LineBatch.of(batch), System.currentTimeMillis());
                    // At most ~1.5 files ahead of the reader: `keep` bounds what a follower can still find.
                    while (i - progress.get() > 1_500) java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                }
                log.flush();
                writing.set(false);
            });
            writer.start();
            // Polls as `logs -f` does, but as fast as it can: rotations happen between and during reads.
            while (true) {
                boolean written = !writing.get();      // seen before the read: all of it is on disk then
                List<String> fresh = reader.readNew();
                read.addAll(fresh);
                progress.set(read.size());
                if (written && fresh.isEmpty()) break;
            }
            writer.join();
        }
        assertTrue(Files.exists(LogFile.rotated(current, 1)), "the writer rotated");
        for (int i = 0; i < read.size(); i++) assertEquals(i, number(read.get(i)), "in order, none lost or read twice");
        assertEquals(total, read.size(), "every line read");
    }
}
