package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code include} in a manifest: files beside it, and failures said in words at the include's line. */
class IncludesTest {
    @TempDir
    Path dir;

    private Path manifest(String text) {
        return TestFiles.write(dir.resolve("launcher.conf"), text);
    }

    private ManifestException problems(String text) {
        Path file = manifest(text);
        return assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
    }

    private static void assertOnly(ManifestException e, String expected) {
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(shown(e.problems().get(0)).startsWith(expected), "expected " + expected + "\n" + e.getMessage());
        assertTrue(!e.getMessage().contains("java."), "no Java exception names: " + e.getMessage());
    }

    @Test
    void aMissingRequiredFileIsNamedInWordsAtTheIncludesLine() {
        CliRun run;
        manifest("project = x\ninclude required(file(\"x.conf\"))\nservices { a { command = x } }\n");
        run = CliRun.run(dir, "check");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("launcher.conf:2: include file(\"x.conf\"): file not found (relative to "
                + DisplayPath.of(dir) + ")"), run.transcript());
        assertTrue(!run.err().contains("java.io") && !run.err().contains("Exception"), run.transcript());
    }

    @Test
    void aMissingRequiredNameWithoutExtensionSaysWhatWasTried() {
        assertOnly(problems("include required(\"common\")\nservices { a { command = x } }\n"),
                "launcher.conf:1: include \"common\": none of common.conf, common.json or common.properties found");
    }

    @Test
    void aMissingOptionalIncludeIsNoProblem() throws Exception {
        Manifest m = ManifestLoader.load(manifest("include \"local.conf\"\nservices { a { command = x } }\n"));
        assertEquals(List.of("a"), m.startOrder());
    }

    @Test
    void includesAreRelativeToTheIncludingFileWhereverDevlaunchRuns() throws Exception {
        Files.createDirectories(dir.resolve("conf/more"));
        TestFiles.write(dir.resolve("conf/services.conf"), "services.a { command = x, port = 8000 }\ninclude \"more/b.conf\"\n");
        TestFiles.write(dir.resolve("conf/more/b.conf"), "services.b { command = y }\n");
        TestFiles.write(dir.resolve("ports.conf"), "vars.port = 9000\n");
        manifest("include \"conf/services.conf\"\ninclude required(file(\"ports.conf\"))\nservices.c { command = z, port = ${vars.port} }\n");
        Path sub = Files.createDirectories(dir.resolve("src/deep"));
        // `check` from a subfolder finds launcher.conf in a parent: file("ports.conf") still means the one beside it.
        CliRun run = CliRun.run(sub, "check");
        assertTrue(run.out().contains("3 services"), run.transcript());
    }

    @Test
    void aUrlIsNeverFetched() {
        assertOnly(problems("include required(url(\"http://127.0.0.1:1/shared.conf\"))\nservices { a { command = x } }\n"),
                "launcher.conf:1: include url(\"http://127.0.0.1:1/shared.conf\"): devlaunch includes files only, not a URL");
        assertOnly(problems("include \"https://example.com/x.conf\"\nservices { a { command = x } }\n"),
                "launcher.conf:1: include \"https://example.com/x.conf\": devlaunch includes files only, not a URL");
    }

    @Test
    void theClasspathIsNotTheProjects() {
        assertOnly(problems("services { a { command = x } }\ninclude classpath(\"reference.conf\")\n"),
                "launcher.conf:2: include classpath(\"reference.conf\"): devlaunch includes files only");
    }

    @Test
    void aFolderIsNotAnIncludableFile() throws Exception {
        Files.createDirectories(dir.resolve("shared.conf"));
        assertOnly(problems("include \"shared.conf\"\nservices { a { command = x } }\n"),
                "launcher.conf:1: include \"shared.conf\": " + DisplayPath.of(dir.resolve("shared.conf")) + " is not a regular file");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aFifoIsNotOpenedSoTheReadCannotBlock() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.conf").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        assertOnly(problems("include \"pipe.conf\"\nservices { a { command = x } }\n"),
                "launcher.conf:1: include \"pipe.conf\": " + DisplayPath.of(dir.resolve("pipe.conf")) + " is not a regular file");
    }

    @Test
    void aSyntaxErrorInAnIncludedFileNamesThatFileAndLine() {
        TestFiles.write(dir.resolve("more.conf"), "vars {\n  a = [1,, 2]\n}\n");
        ManifestException e = problems("include \"more.conf\"\nservices { a { command = x } }\n");
        assertTrue(shown(e.problems().get(0)).startsWith("more.conf:2: syntax error"), e.getMessage());
    }

    @Test
    void includesThatComeBackToAFileAreALoopNamedInFull() {
        TestFiles.write(dir.resolve("a.conf"), "include \"b.conf\"\n");
        TestFiles.write(dir.resolve("b.conf"), "vars.n = 1\ninclude \"a.conf\"\n");
        assertOnly(problems("include \"a.conf\"\nservices { a { command = x } }\n"),
                "b.conf:2: include \"a.conf\": includes itself (launcher.conf → a.conf → b.conf → a.conf)");
        TestFiles.write(dir.resolve("self.conf"), "include \"self.conf\"\n");
        assertOnly(problems("include \"self.conf\"\nservices { a { command = x } }\n"),
                "self.conf:1: include \"self.conf\": includes itself (launcher.conf → self.conf → self.conf)");
        assertOnly(problems("include \"launcher.conf\"\nservices { a { command = x } }\n"),
                "launcher.conf:1: include \"launcher.conf\": includes itself (launcher.conf → launcher.conf)");
        TestFiles.write(dir.resolve("common.conf"), "include \"common.conf\"\n");
        assertOnly(problems("include \"common\"\nservices { a { command = x } }\n"),
                "common.conf:1: include \"common.conf\": includes itself (launcher.conf → common.conf → common.conf)");
    }

    @Test
    void aFileUrlIsAFile() throws Exception {
        TestFiles.write(dir.resolve("ports.conf"), "vars.port = 9000\n");
        Manifest m = ManifestLoader.load(manifest("include required(url(\"" + dir.resolve("ports.conf").toUri()
                + "\"))\nservices.c { command = z, port = ${vars.port} }\n"));
        assertEquals(List.of(9000), m.service("c").ports());
    }

    private static String shown(Problem p) {
        return ManifestLimitsTest.shown(p);
    }
}
