package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.Spray;
import io.devlaunch.testing.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Every line a child writes reaches the console and its log file, whole and in order. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(120)
class OutputTest {
    private static final int LINES = 300_000;

    @TempDir
    Path dir;

    @Test
    void everyLineOfAFastWriterArrivesInOrderOnTheConsoleAndInTheLogFile() throws Exception {
        try (Stack s = Stack.start(dir, "services { spray { command = %s, restart = no } }"
                .formatted(javaCommand(Spray.class, LINES)))) {
            s.awaitEnd(Duration.ofSeconds(90));
            List<String> console = s.console().lines().filter(l -> l.startsWith("spray ")).toList();
            assertEquals(LINES, console.size(), "lines on the console");
            for (int i = 0; i < LINES; i++) {
                String expected = String.format("spray     | line-%07d", i + 1);
                if (!console.get(i).equals(expected)) throw new AssertionError("console line " + i + ": " + console.get(i));
            }
            // ~11 MB: past the default 10 MiB, so the lines span NAME.log.1 and NAME.log, read as `logs` reads them.
            List<String> file = io.devlaunch.output.RotatingLogReader.tail(dir.resolve(".devlaunch/logs/spray.log"), LINES + 1);
            assertTrue(Files.exists(dir.resolve(".devlaunch/logs/spray.log.1")), "rotated once");
            assertEquals(LINES, file.size(), "lines in the log files");
            for (int i = 0; i < LINES; i++) {
                String line = file.get(i);
                if (!line.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} line-\\d{7}")
                        || !line.endsWith(String.format("line-%07d", i + 1))) {
                    throw new AssertionError("log line " + i + ": " + line);
                }
            }
        }
    }

    @Test
    void noEscapeCodesWhenTheConsoleIsNotATerminal() throws Exception {
        try (Stack s = Stack.start(dir, """
                services { painter { command = "printf '\\\\033[31mred\\\\033[0m plain\\\\n'", restart = no } }
                """)) {
            s.awaitEnd(Duration.ofSeconds(20));
            String console = s.console();
            assertTrue(console.contains("painter   | red plain"), console);
            assertFalse(console.contains("\u001b"), "no ANSI codes: " + console.replace("\u001b", "ESC"));
            assertTrue(Files.readString(dir.resolve(".devlaunch/logs/painter.log")).contains(" red plain"));
        }
    }

    @Test
    void coloursPrefixesWhenTheConsoleIsATerminal() throws Exception {
        try (Stack s = Stack.start(dir, "services { one { command = \"echo hi\", restart = no } }", true)) {
            s.awaitEnd(Duration.ofSeconds(20));
            assertTrue(s.console().contains("\u001b[36mone       |\u001b[0m hi"), s.console().replace("\u001b", "ESC"));
        }
    }

    @Test
    void aFinalLineWithoutNewlineIsFlushedAtExit() throws Exception {
        try (Stack s = Stack.start(dir, "services { tail { command = \"printf 'no newline at the end'\", restart = no } }")) {
            s.awaitEnd(Duration.ofSeconds(20));
            assertTrue(s.console().contains("tail      | no newline at the end"), s.console());
        }
    }
}
