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
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that would pass Typesafe Config and then hurt later — a NUL character on its way to a
 * process or a path, an environment variable name with '=' — are problems at their file:line.
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
}
