package io.devlaunch.output;

import io.devlaunch.lines.LineBatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void writesEveryLineWithItsTimestampAndNoEscapeCodes() throws Exception {
        List<String> warnings = new ArrayList<>();
        Path f = dir.resolve("api.log");
        try (LogFiles files = new LogFiles(dir, 10 * MIB, 3)) {
            files.open("api", warnings::add).write(LineBatch.of(List.of("\u001b[32mgreen\u001b[0m", "plain")), 0);
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith(" green") && lines.get(0).charAt(4) == '-', lines.get(0));
        assertTrue(lines.get(1).endsWith(" plain"), lines.get(1));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aQuietServicesLastLinesReachTheDiskWithoutAnotherWrite() throws Exception {
        try (LogFiles files = new LogFiles(dir, 10 * MIB, 3)) {
            files.open("api", w -> { }).write(LineBatch.of(List.of("only line")), System.currentTimeMillis());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> Files.readString(dir.resolve("api.log")).contains("only line"));
        }
    }

    /** Rotation at the smallest limit: the files hold every line, in order, none split, newest last. */
    @Test
    void rotatesByRenameKeepingWholeContiguousLines() throws Exception {
        long limit = 64 * 1024;
        int total = 2_000;
        try (LogFiles files = new LogFiles(dir, limit, 2)) {
            LogFile log = files.open("api", w -> { throw new AssertionError(w); });
            for (int i = 0; i < total; i += 10) {
                List<String> batch = new ArrayList<>();
                for (int k = i; k < i + 10; k++) batch.add("line " + k + " " + "x".repeat(100));
                log.write(LineBatch.of(batch), System.currentTimeMillis());
            }
        }
        Path current = dir.resolve("api.log");
        List<Path> oldestFirst = List.of(LogFile.rotated(current, 2), LogFile.rotated(current, 1), current);
        assertFalse(Files.exists(LogFile.rotated(current, 3)), "keep = 2: the oldest was dropped");
        List<Integer> seen = new ArrayList<>();
        for (Path p : oldestFirst) {
            assertTrue(Files.size(p) <= limit + LogFile.FLUSH_AT, p + " is " + Files.size(p) + " bytes");
            for (String l : Files.readAllLines(p)) {
                assertTrue(l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} line \\d+ x{100}"),
                        "a whole line: " + l);
                seen.add(Integer.parseInt(l.split(" ")[3]));
            }
        }
        for (int i = 1; i < seen.size(); i++) assertEquals(seen.get(i - 1) + 1, seen.get(i),
                "contiguous across the seams");
        assertEquals(total - 1, seen.get(seen.size() - 1), "ends with the newest line");
        assertTrue(seen.size() > 2 * limit / 130, "three files' worth: " + seen.size() + " lines");
    }

    @Test
    void keepZeroLeavesOnlyTheCurrentFile() throws Exception {
        try (LogFiles files = new LogFiles(dir, 64 * 1024, 0)) {
            LogFile log = files.open("api", w -> { });
            for (int i = 0; i < 1_000; i++) log.write(LineBatch.of(List.of("line " + i + " " + "y".repeat(200))), 0);
        }
        assertFalse(Files.exists(LogFile.rotated(dir.resolve("api.log"), 1)));
        assertTrue(Files.readString(dir.resolve("api.log")).contains("line 999 "));
    }

    /** /dev/full fails every write with ENOSPC: the disk-full case, for real. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailingWriteIsToldOnceAndLaterLinesAreNotAttempted() throws Exception {
        Path f = dir.resolve("logs/api.log");
        Files.createDirectories(f.getParent());
        Files.createSymbolicLink(f, Path.of("/dev/full"));
        List<String> warnings = new ArrayList<>();
        try (LogFiles files = new LogFiles(dir.resolve("logs"), 10 * MIB, 3)) {
            LogFile log = files.open("api", warnings::add);
            for (int i = 0; i < 3; i++) {
                log.write(LineBatch.of(List.of("line " + i)), System.currentTimeMillis());
                log.flush();
            }
        }
        Files.delete(f);      // the link, not /dev/full
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("api.log") && warnings.get(0).contains("No space left on device")
                && warnings.get(0).contains("still reaches this console"), warnings.get(0));
    }
}
