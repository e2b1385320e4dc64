package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.Chatter;
import io.devlaunch.fixtures.Spray;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} whose standard output nobody reads for 10 s — a FIFO opened and left unread, as a
 * terminal paused with Ctrl+S or {@code up | less} that nobody scrolls — run as users run it (the
 * jar with bin/devlaunch's JVM flags and pump layout). Supervision goes on meanwhile, and the
 * console, once read again, shows every line in order or says what it skipped.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class StalledConsoleIT {
    private static final long STALL_MILLIS = 10_000;
    private static final int SPRAYED = 1_000_000;       // ~25 MB on the console: past the 16 MB backlog

    @TempDir
    Path dir;

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    @Test
    void aConsoleNobodyReadsHoldsNothingUp() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                dashboard.enabled = false
                logs.max-size = 64MiB
                services {
                  crasher { command = "echo crash; sleep 0.3; exit 3", restart = always, max-restarts = 1000 }
                  chatty  { command = %s }
                  spray   { command = %s }
                }
                """.formatted(Fixtures.javaCommand(Chatter.class, 20), Fixtures.javaCommand(Spray.class, SPRAYED)));
        Path fifo = dir.resolve("console.fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        // Opening a FIFO waits for the other end: the reader's open runs beside the writer's.
        CompletableFuture<InputStream> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.newInputStream(fifo);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Process up = JarRun.startWithOutput(dir, fifo, dir.resolve("up.err"), "up", "--no-color");
        InputStream console = reader.get(30, TimeUnit.SECONDS);
        long stallStarts = System.nanoTime();
        Path logs = dir.resolve(".devlaunch/logs");

        // While nobody reads: the sprayer's million lines reach its log file and it exits...
        await().atMost(Duration.ofMillis(STALL_MILLIS)).until(() -> lines(logs.resolve("spray.log")) == SPRAYED);
        // ...status answers at once, and the crasher is seen crashing and restarted, again and again.
        await().atMost(Duration.ofMillis(STALL_MILLIS)).until(() -> restarts(statusJson(), "crasher") >= 2);
        long before = System.nanoTime();
        String json = statusJson();
        long statusMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(statusMillis < 3_000, "status took " + statusMillis + " ms with the console stalled (a JVM start included)");
        assertTrue(json.contains("\"spray\"") && json.matches("(?s).*\"name\"\\s*:\\s*\"spray\".*?\"state\"\\s*:\\s*\"exited\".*"), json);
        assertTrue(Files.readString(logs.resolve("crasher.log")).split("crash\n", -1).length - 1 >= 3, "each run's line is in its log file");

        // The chatty service keeps its pace (~2,000 lines/s), and so does its file: 6,000 lines within 6 s.
        long chattyFrom = lines(logs.resolve("chatty.log"));
        long measureFrom = System.nanoTime();
        await().atMost(Duration.ofSeconds(6)).until(() -> lines(logs.resolve("chatty.log")) >= chattyFrom + 6_000);
        double rate = 6_000 / ((System.nanoTime() - measureFrom) / 1e9);
        System.out.printf("stalled console: chatty's log grew at %.0f lines/s; status took %d ms%n", rate, statusMillis);
        assertTrue(up.isAlive(), "up is still running");

        // Read again: devlaunch's lines, and each service's lines in order, any gap said in a skip line.
        List<String> seen = new ArrayList<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(console, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) synchronized (seen) { seen.add(l); }
            } catch (java.io.IOException ignored) {
                // the run ended
            }
        });
        drain.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            synchronized (seen) {
                return seen.stream().anyMatch(l -> l.contains("console fell behind: ")) && seen.stream().anyMatch(l -> l.startsWith("chatty"));
            }
        });
        JarRun.run(dir, "down");
        assertTrue(up.waitFor(30, TimeUnit.SECONDS), "up ended after down");
        drain.join(10_000);
        List<String> all;
        synchronized (seen) { all = List.copyOf(seen); }
        assertInOrderOrSkipped(all);
    }

    /** Per service, numbered lines only go up; where numbers jump, a skip line came before the jump. */
    private static void assertInOrderOrSkipped(List<String> console) {
        Pattern numbered = Pattern.compile("^(chatty|spray)\\s+\\| (?:chatter-|line-)(\\d+)");
        Map<String, Long> last = new HashMap<>();
        boolean skipSaid = false;
        int jumps = 0;
        for (String l : console) {
            if (l.contains("console fell behind: ") && l.contains("lines skipped (all of them are in .devlaunch/logs/)")) skipSaid = true;
            Matcher m = numbered.matcher(l);
            if (!m.find()) continue;
            long n = Long.parseLong(m.group(2));
            Long prev = last.put(m.group(1), n);
            if (prev == null) continue;
            assertTrue(n > prev, m.group(1) + " went back from " + prev + " to " + n);
            if (n != prev + 1) {
                jumps++;
                assertTrue(skipSaid, m.group(1) + " jumped from " + prev + " to " + n + " with no skip line before it");
            }
        }
        assertTrue(jumps > 0, "25 MB through a stalled console must have skipped somewhere");
    }

    private String statusJson() throws Exception {
        JarRun.Result r = JarRun.run(dir, "status", "--json");
        return r.out();
    }

    private static int restarts(String json, String service) {
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"" + service + "\".*?\"restarts\"\\s*:\\s*(\\d+)", Pattern.DOTALL).matcher(json);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static long lines(Path file) {
        try (var s = Files.lines(file)) {
            return s.count();
        } catch (Exception e) {
            return 0;
        }
    }
}
