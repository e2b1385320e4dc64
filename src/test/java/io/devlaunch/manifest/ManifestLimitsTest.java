package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manifests no person writes — nested thousands deep, megabytes long, substitutions by the hundred
 * — end in a problem naming the file and line, quickly, instead of a StackOverflowError, an
 * OutOfMemoryError or minutes of CPU.
 */
class ManifestLimitsTest {
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path write(String text) {
        return TestFiles.write(dir.resolve("launcher.conf"), text);
    }

    private ManifestException problems(String text) {
        Path file = write(text);
        return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(ManifestException.class, () -> ManifestLoader.load(file)));
    }

    private static void assertOnlyProblem(ManifestException e, String where, String fragment) {
        assertEquals(1, e.problems().size(), e.getMessage());
        String p = shown(e.problems().get(0));
        assertTrue(p.startsWith(where) && p.contains(fragment), "expected " + where + " … " + fragment + " in\n" + p);
    }

    @Test
    void aTwoMegabyteUnknownKeyIsCutInTheMessageAndCostsNoSuggestion() {
        String key = "k".repeat(2_000_000);
        write("services {\n  a {\n    command = x\n    " + key + " = 1\n  }\n}\n");
        CliRun run = assertTimeoutPreemptively(QUICKLY, () -> CliRun.run(dir, "check"));
        assertEquals(2, run.exitCode(), run.transcript().substring(0, Math.min(2000, run.transcript().length())));
        assertTrue(run.err().contains("launcher.conf:4: unknown key 'services.a." + "k".repeat(Shown.MAX) + "… (2000000 chars)'"),
                run.err().substring(0, Math.min(2000, run.err().length())));
        assertTrue(run.err().length() < 500, "a short message, not the key: " + run.err().length() + " chars");
    }

    @Test
    void twoMegabyteValuesAreCutInEveryMessage() {
        String big = "v".repeat(2_000_000);
        ManifestException e = problems("services {\n  a {\n    command = x\n    restart = " + big + "\n"
                + "    stop-signal = " + big + "\n    depends-on = [" + big + "]\n    port = \"" + big + "\"\n  }\n"
                + "  \"" + "b".repeat(2_000_000) + "/\" { command = x }\n}\n");
        assertTrue(e.getMessage().length() < 2000, () -> "short messages, not the values: " + e.getMessage().length() + " chars");
        assertTrue(e.getMessage().contains("restart must be no, on-failure or always, got '" + "v".repeat(Shown.MAX)
                + "… (2000000 chars)'"), e.getMessage());
        assertTrue(e.getMessage().contains("service name '" + "b".repeat(Shown.MAX) + "… (2000001 chars)'"), e.getMessage());
    }

    @Test
    void controlCharactersInMessagesAreWrittenOutNotSentToTheTerminal() {
        ManifestException e = problems("services { api { command = x, \"\\u001b[2Jboom\" = 1 } }");
        assertTrue(e.getMessage().contains("unknown key 'services.api.\\u001b[2Jboom'"), e.getMessage());
        assertTrue(e.getMessage().indexOf('\u001b') < 0, e.getMessage());
    }

    @Test
    void suggestionsForAHugeWordAllocateNothingToSpeakOf() {
        // Against the CLI's -Xmx64m the old full (n+1)×(m+1) table for a 2 MB word was an OutOfMemoryError.
        String huge = "x".repeat(2_000_000);
        List<String> alsoHuge = List.of(huge + "y");
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertTrue(Suggestions.closest(huge, ManifestKeys.SERVICE).isEmpty());
        assertTrue(Suggestions.closest(huge, alsoHuge).isEmpty(), "two huge words are not compared");
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void editDistanceKeepsItsAnswersWithTwoRowsOfTable() {
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
        assertEquals(3, Suggestions.distance("sitting", "kitten"));
        assertEquals(1, Suggestions.distance("ab", "ba"), "a transposition is one edit");
        assertEquals(1, Suggestions.distance("helath", "health"));
        assertEquals(4, Suggestions.distance("", "port"));
        assertEquals(0, Suggestions.distance("port", "port"));
        assertEquals("restart-window", Suggestions.closest("restart_windwo", ManifestKeys.SERVICE).orElseThrow());
    }

    /** file:line: message, with the file's name only (the folder is a temporary one). */
    static String shown(Problem p) {
        return p.location().file().getFileName() + (p.location().line() > 0 ? ":" + p.location().line() : "") + ": " + p.message();
    }
}
