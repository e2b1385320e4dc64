package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values that would pass Typesafe Config and then hurt later — a NUL character on its way to a
 * process or a path, an environment variable name with '=', 80.5 read as port 80, a timeout of
 * 10^99 seconds — are problems at their file:line.
 */
class ManifestValuesTest {
    @TempDir
    Path dir;

    private Manifest load(String text) throws ManifestException {
        return ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), text));
    }

    private ManifestException problems(String text) {
        return assertThrows(ManifestException.class, () -> load(text));
    }

    private static void assertReports(ManifestException e, String... fragments) {
        for (String f : fragments) assertTrue(e.getMessage().contains(f), "expected '" + f + "' in\n" + e.getMessage());
    }

    // --- NUL characters, which no path, argument or environment variable can hold ---------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            dir                 | dir = "back\\u0000end"
            env-file            | env-file = [".env", "a\\u0000b"]
            clean               | clean = "dev\\u0000.db"
            program name        | command = ["python\\u00003", "app.py"]
            argument            | command = ["python3", "app\\u0000.py"]
            shell line          | command = "npm run\\u0000 dev"
            before-start        | before-start = [["migrate", "--x\\u0000"]]
            env value           | env { A = "x\\u0000y" }
            health command      | health.command = ["pg_isready", "-h\\u0000"]
            health http         | health.http = "http://127.0.0.1:1/\\u0000"
            health tcp          | health.tcp = "127.0.0.1\\u0000:5432"
            health log          | health.log = "ready\\u0000"
            watch               | watch = ["app", "src\\u0000"]
            watch-ignore        | watch-ignore = "gen\\u0000/**"
            """)
    void aNulCharacterIsRefusedAtItsLine(String where, String line) {
        String base = line.startsWith("command") ? "" : "    command = x\n";
        ManifestException e = problems("services {\n  api {\n" + base + "    " + line + "\n  }\n}\n");
        assertEquals(1, e.problems().size(), e.getMessage());
        Problem p = e.problems().get(0);
        assertEquals(line.startsWith("command") ? 3 : 4, p.location().line(), p.toString());
        assertTrue(p.message().startsWith("services.api.") && p.message().contains("holds a NUL character (\\0)"), p.toString());
    }

    @Test
    void aRawNulByteIsRefusedToo() throws IOException {
        // The fuzzer's first finding: NUL bytes in unquoted text become part of the value.
        Path file = dir.resolve("launcher.conf");
        Files.write(file, "services { api { command = x, env { PORT = \0\0 8000 } } }\n".getBytes(StandardCharsets.UTF_8));
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertReports(e, "launcher.conf:1: services.api.env.PORT holds a NUL character");
    }

    @Test
    void checkReportsANulInDirAsAManifestProblemNotAnInternalError() {
        TestFiles.write(dir.resolve("launcher.conf"), "services {\n  api {\n    command = x\n    dir = \"a\\u0000b\"\n  }\n}\n");
        CliRun run = CliRun.run(dir, "check");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("launcher.conf:4: services.api.dir holds a NUL character"), run.transcript());
        assertTrue(!run.err().contains("internal error") && !run.err().contains("\tat "), run.transcript());
    }

    // --- environment variable names --------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"A=B\"", "\"\"", "\"A\\u0000\"", "\"=\""})
    void anEnvNameThatNoProgramCanSeeIsRefusedAtItsLine(String key) {
        ManifestException e = problems("services {\n  api {\n    command = x\n    env {\n      " + key + " = 1\n    }\n  }\n}\n");
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(5, e.problems().get(0).location().line(), e.getMessage());
        assertReports(e, "services.api.env has a variable named", "must not be empty or contain '='");
    }

    @Test
    void ordinaryEnvNamesAndValuesPass() throws Exception {
        Manifest m = load("services { api { command = x, env { A_B = \"x=y\", \"lower.dots\" = 1, EMPTY = null } } }");
        assertEquals(Map.of("A_B", "x=y", "lower.dots", "1", "EMPTY", ""), m.service("api").env());
    }

    // --- whole numbers ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            port          | 80.5                 | services.api.port must be a whole number, got 80.5; use one from 1 to 65535
            port          | 1e99                 | services.api.port must be a whole number, got 1.0E99; use one from 1 to 65535
            port          | "80.5"               | services.api.port must be a whole number, got "80.5"
            port          | 99999999999999999999 | services.api.port must be a whole number, got "99999999999999999999"
            port          | -1                   | services.api.port must be between 1 and 65535, got -1
            port          | 0                    | services.api.port must be between 1 and 65535, got 0
            port          | 65536                | services.api.port must be between 1 and 65535, got 65536
            ports         | [8000, 80.5]         | services.api.ports must hold whole numbers from 1 to 65535, found 80.5
            ports         | [8000, 65536]        | services.api.ports must hold whole numbers from 1 to 65535, found 65536
            ports         | [8000, [1]]          | services.api.ports must hold whole numbers from 1 to 65535, found [1]
            max-restarts  | 2.5                  | services.api.max-restarts must be a whole number, got 2.5; use one from 0 to 10000
            health        | { http = "http://127.0.0.1:1/", expect-status = 200.5 } | services.api.health.expect-status must be a whole number, got 200.5
            """)
    void aNumberThatIsNotWholeOrOutOfRangeIsAnError(String key, String value, String message) {
        ManifestException e = problems("services {\n  api {\n    command = x\n    " + key + " = " + value + "\n  }\n}\n");
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(4, e.problems().get(0).location().line(), e.getMessage());
        assertReports(e, message);
    }

    @Test
    void wholeNumbersWrittenAnyReasonableWayPass() throws Exception {
        Manifest m = load("""
                services {
                  a { command = x, port = "8000", max-restarts = 3.0 }
                  b { command = x, ports = [9e3, "9001"] }
                  c { command = x, health { http = "http://127.0.0.1:1/", expect-status = "204" } }
                }
                """);
        assertEquals(List.of(8000), m.service("a").ports());
        assertEquals(3, m.service("a").maxRestarts());
        assertEquals(List.of(9000, 9001), m.service("b").ports());
        assertEquals(204, m.service("c").health().orElseThrow().expectStatus());
    }

    @Test
    void aPortListedTwiceByOneServiceIsAnError() {
        // The fuzzer's second finding: [9001, 9001.0] passed, and the proxy would bind 9001 twice.
        assertReports(problems("services {\n  b { command = x, ports = [4e3, \"9001\", 9001.0] }\n}\n"),
                "launcher.conf:2: services.b.ports lists 9001 more than once; give each port once");
    }

    // --- durations -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1e99s                 | services.api.stop-timeout must be at most 1d (24h), got "1e99s"
            "Infinity s"          | services.api.stop-timeout must be at most 1d (24h)
            2d                    | services.api.stop-timeout must be at most 1d (24h), got "2d"
            99999999999999999999d | services.api.stop-timeout is not a duration
            0s                    | services.api.stop-timeout must be longer than zero
            1e-99s                | services.api.stop-timeout must be longer than zero
            """)
    void aDurationOutOfAllReasonIsAnError(String value, String message) {
        assertReports(problems("services {\n  api {\n    command = x\n    stop-timeout = " + value + "\n  }\n}\n"),
                "launcher.conf:4: " + message);
    }

    @Test
    void aDayIsTheLongestDuration() throws Exception {
        assertEquals(Duration.ofDays(1), load("services { api { command = x, restart-window = 24h } }").service("api").restartWindow());
    }

    // --- health shapes the old reader tripped over -----------------------------------------------

    @Test
    void healthThatIsNotABlockIsAProblemNotAWrongTypeException() {
        assertReports(problems("services {\n  api {\n    command = x\n    health = \"http://127.0.0.1:1/\"\n  }\n}\n"),
                "launcher.conf:4: services.api.health must be a block");
    }

    @Test
    void anHttpCheckOnAPortNoSocketCanHaveIsRefused() {
        assertReports(problems("services { api { command = x, health.http = \"http://127.0.0.1:99999/health\" } }"),
                "services.api.health.http names port 99999, but ports go from 1 to 65535");
    }

    @Test
    void aLogPatternNestedTooDeepToCompileIsAProblem() {
        String pattern = "(".repeat(20_000) + "a" + ")".repeat(20_000);
        assertReports(problems("services { api { command = x, health.log = \"" + pattern + "\" } }"),
                "services.api.health.log is not a valid regular expression: Stack overflow during pattern compilation");
    }
}
