package io.devlaunch.output;

import io.devlaunch.lines.LineBatch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
            false);

    @Test
    void timestampsAreHoursMinutesSecondsAndDrainingKeepsTheWriterAlive() {
        try (Console console = new Console(terminal, List.of("api"), true)) {
            console.say("api", "first");
            console.drain();        // its marker batch has no lines and no time; it once ended the writer
            console.say("api", "second");
            console.drain();
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\d\\d:\\d\\d:\\d\\d devlaunch \\| api first"), lines.get(0));
        assertTrue(lines.get(1).matches("\\d\\d:\\d\\d:\\d\\d devlaunch \\| api second"), lines.get(1));
    }

    @Test
    void withoutTimestampsLinesCarryOnlyThePrefix() {
        try (Console console = new Console(terminal, List.of("api"), false)) {
            console.say("hello");
            console.drain();
        }
        assertEquals(List.of("devlaunch | hello"), out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void aChildsLinesReadTheSameWithOrWithoutEscapeCodesInTheirBatch() {
        for (boolean colour : new boolean[] {false, true}) {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            Terminal t = new Terminal(new PrintStream(o, true, StandardCharsets.UTF_8), System.err, colour);
            try (Console console = new Console(t, List.of("api"), false)) {
                console.print("api", Palette.Colour.CYAN, LineBatch.of(List.of("plain", "", "d\u00e9j\u00e0")));
                console.print("api", Palette.Colour.CYAN, LineBatch.of(List.of("\u001b[31mred\u001b[0m", "", "after")));
                console.drain();
            }
            String p = colour ? "\u001b[36mapi       |\u001b[0m" : "api       |";
            String reset = colour ? "\u001b[0m" : "";
            String red = colour ? "\u001b[31mred\u001b[0m" : "red";
            assertEquals(List.of(p + " plain", p, p + " d\u00e9j\u00e0", p + " " + red + reset, p, p + " after"),
                    o.toString(StandardCharsets.UTF_8).lines().toList(), "colour " + colour);
        }
    }
}
