package io.devlaunch.output;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Terminal terminal = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);

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
}
