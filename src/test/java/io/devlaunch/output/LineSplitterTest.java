package io.devlaunch.output;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(batch -> lines.addAll(batch.toStrings()));

    private void feed(String s, boolean end) {
        feed(s.getBytes(StandardCharsets.UTF_8), end);
    }

    private void feed(byte[] bytes, boolean end) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        splitter.feed(buf, end);
        assertFalse(buf.hasRemaining(), "the buffer must always be drained");
    }

    @Test
    void joinsPartialReads() {
        feed("ab", false);
        feed("c\nde", false);
        feed("f\n", false);
        assertEquals(List.of("abc", "def"), lines);
    }

    @Test
    void crLfLoneCrAndEmptyLines() {
        feed("one\r\ntwo\rthree\n\nfour\n", false);
        assertEquals(List.of("one", "two", "three", "", "four"), lines);
    }

    @Test
    void crLfSplitAcrossReadsIsOneBreak() {
        feed("one\r", false);
        feed("\ntwo\n", false);
        assertEquals(List.of("one", "two"), lines);
    }

    @Test
    void finalLineWithoutNewlineIsFlushedAtEndOfStream() {
        feed("last words", false);
        assertEquals(List.of(), lines);
        feed(new byte[0], true);
        assertEquals(List.of("last words"), lines);
    }

    @Test
    void aRunawayLineIsCutIntoBoundedPieces() {
        String huge = "x".repeat(LineSplitter.MAX_LINE * 3 + 5);
        feed(huge + "\n", false);
        assertEquals(4, lines.size());
        assertEquals(LineSplitter.MAX_LINE, lines.get(0).length());
        assertEquals(huge, String.join("", lines));
    }

    @Test
    void aCutNeverSplitsAMultiByteCharacter() {
        String line = "x".repeat(LineSplitter.MAX_LINE - 1) + "é" + "tail";
        feed(line + "\n", false);
        assertEquals(line, String.join("", lines));
        assertFalse(String.join("", lines).contains("\uFFFD"));
    }

    @Test
    void multiByteCharactersSplitAcrossReadsSurvive() {
        byte[] bytes = "grüße 😀\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) feed(new byte[] {b}, false);
        assertEquals(List.of("grüße 😀"), lines);
    }
}
