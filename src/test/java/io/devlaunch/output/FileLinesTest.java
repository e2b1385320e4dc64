package io.devlaunch.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLinesTest {
    @TempDir
    Path dir;

    @Test
    void aHalfWrittenLineWaitsForItsEnd() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "one\ntwo\nthr");
        FileLines.Since first = FileLines.readSince(f, 0);
        assertEquals(List.of("one", "two"), first.lines());
        assertEquals(8, first.next());
        Files.writeString(f, "ee\n", StandardOpenOption.APPEND);
        FileLines.Since second = FileLines.readSince(f, first.next());
        assertEquals(List.of("three"), second.lines());
        assertEquals(Files.size(f), second.next());
    }

    @Test
    void aFileThatStartedOverIsReadFromItsStart() throws Exception {
        Path f = dir.resolve("a.log");
        Files.writeString(f, "a long first life of this file\n");
        long offset = FileLines.readSince(f, 0).next();
        Files.writeString(f, "new\n");
        assertEquals(List.of("new"), FileLines.readSince(f, offset).lines());
    }

    @Test
    void aMissingFileHasNoLinesAndKeepsTheOffset() throws Exception {
        FileLines.Since s = FileLines.readSince(dir.resolve("none.log"), 17);
        assertEquals(List.of(), s.lines());
        assertEquals(17, s.next());
    }

    @Test
    void tailReadsTheLastLinesAcrossBlocks() throws Exception {
        Path f = dir.resolve("big.log");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.append("line ").append(i).append('\n');
        Files.writeString(f, sb);
        assertEquals(List.of("line 19997", "line 19998", "line 19999"), FileLines.tail(f, 3));
        assertEquals(20_000, FileLines.tail(f, 50_000).size());
    }
}
