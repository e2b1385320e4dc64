package io.devlaunch.lines;

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

    @Test
    void aBatchKnowsWhetherAnyOfItsLinesHoldsAnEscapeCodeAlsoWhenItsStartCameInAnEarlierRead() {
        List<Boolean> escapes = new ArrayList<>();
        List<List<String>> batches = new ArrayList<>();
        LineSplitter s = new LineSplitter(b -> {
            escapes.add(b.anyEscape());
            batches.add(b.toStrings());
            for (int i = 0; i < b.size(); i++) assertEquals(b.line(i).indexOf('\u001b') >= 0, b.hasEscape(i),
                    b.line(i));
        });
        String[] reads = {"plain\nno\n", "x\u001b[3", "1mred\u001b[0m\nthen\n", "plain again\n", "a\n\u001b", "[1mb\n",
                "c\u001b", "\n"};
        for (String r : reads) s.feed(ByteBuffer.wrap(r.getBytes(StandardCharsets.UTF_8)), false);
        assertEquals(List.of(false, true, false, false, true, true), escapes, batches.toString());
        String cut = "y".repeat(LineSplitter.MAX_LINE - 1) + "\u001b[0mz\n";     // cut just before its ESC
        s.feed(ByteBuffer.wrap(cut.getBytes(StandardCharsets.UTF_8)), false);
        assertEquals(cut.substring(0, cut.length() - 1), String.join("", batches.get(batches.size() - 1)));
        assertEquals(true, escapes.get(escapes.size() - 1));
    }
}
