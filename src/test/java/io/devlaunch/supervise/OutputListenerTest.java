package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link OutputListener}: every line of every child, in order, with its stream, after the console has it. */
@Timeout(60)
class OutputListenerTest {
    @TempDir
    Path dir;

    @Test
    void hearsEveryLineInOrderWithItsStream() throws Exception {
        int n = 20_000;
        List<String> out = new CopyOnWriteArrayList<>();
        List<String> err = new CopyOnWriteArrayList<>();
        List<String> services = new CopyOnWriteArrayList<>();
        try (Stack s = Stack.startListening(dir, """
                services {
                  counter { command = "seq 1 %d; echo to-stderr >&2; sleep 60", before-start = ["echo before-start-ran"] }
                }
                """.formatted(n), (service, stderr, lines) -> {
            services.add(service);
            List<String> copy = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) copy.add(lines.line(i));
            (stderr ? err : out).addAll(copy);
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> out.size() >= n + 1 && !err.isEmpty());
            List<String> expected = new ArrayList<>(List.of("before-start-ran"));
            IntStream.rangeClosed(1, n).forEach(i -> expected.add(String.valueOf(i)));
            assertEquals(expected, out, "every line once, in order, the before-start step's first");
            assertEquals(List.of("to-stderr"), err);
            assertTrue(services.stream().allMatch("counter"::equals), services.toString());
            assertTrue(s.console().contains("to-stderr"), "the console got it too");
        }
    }

    @Test
    void aListenerThatThrowsIsReportedOnceAndTheConsoleAndLogKeepEveryLine() throws Exception {
        try (Stack s = Stack.startListening(dir, """
                services { counter { command = "seq 1 500; sleep 60" } }
                """, (service, stderr, lines) -> {
            throw new IllegalStateException("listener bug");
        })) {
            await().atMost(Duration.ofSeconds(30)).until(() -> s.console().contains("counter   | 500"));
            String console = s.console();
            int reports = console.split("internal error passing counter's output", -1).length - 1;
            assertEquals(1, reports, console);
            assertTrue(console.contains("listener bug") && console.contains("the console and the log file do not"), console);
        }
    }

    /** A multi-line shell command is one console line: it cannot forge a second, devlaunch-looking line. */
    @Test
    void theStartingLineShowsAMultiLineCommandEscaped() throws Exception {
        try (Stack s = Stack.start(dir, "services { multi { command = \"echo one\\necho 'devlaunch | all fine'\\nsleep 60\" } }")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> s.console().contains("multi     | devlaunch | all fine"));
            List<String> starting = s.console().lines().filter(l -> l.contains("starting: ")).toList();
            assertEquals(List.of("devlaunch | multi starting: echo one\\necho 'devlaunch | all fine'\\nsleep 60"), starting);
        }
    }
}
