package io.devlaunch.commands;

import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.output.Terminal;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class LogsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void stack() {
        TestFiles.write(dir.resolve("launcher.conf"), "services { api { command = x }, web { command = y } }");
        TestFiles.write(dir.resolve(".devlaunch/logs/api.log"), """
                2026-11-25 10:00:00.100 api one
                2026-11-25 10:00:00.300 api two
                2026-11-25 10:00:00.500 api three
                """);
        TestFiles.write(dir.resolve(".devlaunch/logs/web.log"), """
                2026-11-25 10:00:00.200 web one
                2026-11-25 10:00:00.400 web two
                """);
    }

    @Test
    void mergesTheFilesByTimeWithPrefixes() {
        CliRun run = CliRun.run(dir, "logs");
        assertEquals(0, run.exitCode(), run.transcript());
        List<String> lines = run.out().lines().map(l -> l.replaceAll(" {2,}", " ")).toList();
        assertEquals(List.of("api | api one", "web | web one", "api | api two", "web | web two", "api | api three"), lines);
    }

    @Test
    void lastNLinesPerServiceAndOneServiceOnly() {
        CliRun run = CliRun.run(dir, "logs", "api", "-n", "1", "--timestamps");
        assertEquals(0, run.exitCode(), run.transcript());
        assertEquals(List.of("api | 10:00:00.500 api three"), run.out().lines().map(l -> l.replaceAll(" {2,}", " ")).toList());
    }

    @Test
    void anUnknownServiceIsAUsageError() {
        CliRun run = CliRun.run(dir, "logs", "ap");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("did you mean 'api'"), run.transcript());
    }

    @Test
    void followPrintsAppendedLinesAndSurvivesAFileStartingOver() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        Logs logs = new Logs(ManifestLoader.load(dir.resolve("launcher.conf")), t, new Logs.Options(List.of("api"), 1, true, false));
        Thread follower = new Thread(logs::run);
        follower.start();
        try {
            Path f = dir.resolve(".devlaunch/logs/api.log");
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains("api three"));
            Files.writeString(f, "2026-11-25 10:00:01.000 api four\n", StandardOpenOption.APPEND);
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains("api four"));
            Files.writeString(f, "2026-11-25 10:00:02.000 after a clean\n");      // shorter: the file started over
            await().atMost(Duration.ofSeconds(5)).until(() -> out.toString(StandardCharsets.UTF_8).contains("after a clean"));
            assertTrue(!out.toString(StandardCharsets.UTF_8).contains("api two"), "-n 1 starts with the last line only");
        } finally {
            follower.interrupt();
            follower.join(5000);
        }
    }
}
