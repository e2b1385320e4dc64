package io.devlaunch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    @TempDir
    Path dir;

    @Test
    void writesEveryLineWithItsTimestampAndNoEscapeCodes() throws Exception {
        List<String> warnings = new ArrayList<>();
        Path f = dir.resolve("api.log");
        try (LogFile log = new LogFile(f, warnings::add)) {
            log.write(LineBatch.of(List.of("\u001b[32mgreen\u001b[0m", "plain")), 0);
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).endsWith(" green") && lines.get(0).charAt(4) == '-', lines.get(0));
        assertTrue(lines.get(1).endsWith(" plain"), lines.get(1));
        assertEquals(List.of(), warnings);
    }

    /** /dev/full fails every write with ENOSPC: the disk-full case, for real. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aFailingWriteIsToldOnceAndLaterLinesAreNotAttempted() throws Exception {
        Path f = dir.resolve("logs/api.log");
        Files.createDirectories(f.getParent());
        Files.createSymbolicLink(f, Path.of("/dev/full"));
        List<String> warnings = new ArrayList<>();
        try (LogFile log = new LogFile(f, warnings::add)) {
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
