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
    void checkOnAManifestNestedTwoThousandDeepSaysSoWithoutAStackTrace() {
        String deep = "[".repeat(2000) + "]".repeat(2000);
        write("services {\n  a {\n    command = x\n    env { X = " + deep + " }\n  }\n}\n");
        CliRun run = CliRun.run(dir, "check");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("launcher.conf:4: nested too deep: more than 64 levels of { and ["), run.transcript());
        assertTrue(!run.err().contains("\tat ") && run.err().length() < 500, "one short message\n" + run.transcript());
    }

    @Test
    void blocksNestedDeepAreRefusedAtTheLineWhereTheyPassTheLimit() {
        StringBuilder sb = new StringBuilder("vars {\n");
        for (int i = 0; i < 2000; i++) sb.append("a {\n");
        ManifestException e = problems(sb.toString());
        assertOnlyProblem(e, "launcher.conf:65:", "nested too deep");
    }

    @Test
    void bracketsInStringsCommentsAndSubstitutionsDoNotCount() throws Exception {
        String brackets = "[".repeat(100);
        ManifestLoader.load(write("vars { a = \"" + brackets + "\", b = \"\"\"" + brackets + "\"\"\" }\n"
                + "# " + brackets + "\n// " + brackets + "\n"
                + "services { s { command = [\"echo\", ${vars.a}] } }\n"));
    }

    @Test
    void aKeyPathThousandsOfSegmentsLongIsTooDeepNotAStackOverflow() {
        // No bracket in sight: the boundary's StackOverflowError backstop turns it into a problem.
        ManifestException e = problems("vars" + ".a".repeat(20_000) + " = 1\nservices { s { command = x } }\n");
        assertOnlyProblem(e, "launcher.conf: nested too deep to read", "a manifest needs only a few levels");
    }

    @Test
    void aChainOfSubstitutionsPastTheLimitIsRefusedWhereItPassesIt() {
        StringBuilder sb = new StringBuilder("vars {\n  v0 = 1\n");
        for (int i = 1; i <= 2000; i++) sb.append("  v").append(i).append(" = ${vars.v").append(i - 1).append("}\n");
        ManifestException e = problems(sb.append("}\n").toString());
        assertOnlyProblem(e, "launcher.conf:503:", "more than 500 substitutions (${…} and +=)");
    }

    @Test
    void eightHundredAppendsToOneListAreRefusedBeforeTheyTakeMinutesToResolve() {
        ManifestException e = problems("vars.l = []\n" + "vars.l += 1\n".repeat(800) + "services { s { command = x } }\n");
        assertOnlyProblem(e, "launcher.conf:52:", "vars.l refers to itself (+= or ${vars.l}) more than 50 times");
    }

    @Test
    void aKeyReferringToItselfInsideItsBlockCountsToo() {
        ManifestException e = problems("vars { s = \"\" }\n" + "vars {\n  s = ${vars.s}\"a\"\n}\n".repeat(100));
        assertOnlyProblem(e, "launcher.conf:153:", "vars.s refers to itself");
    }

    @Test
    void hundredsOfSubstitutionsAndAFewAppendsPerKeyStillWork() throws Exception {
        StringBuilder sb = new StringBuilder("vars { port = 8000, args = [\"run\"] }\n");
        for (int i = 0; i < 40; i++) sb.append("vars.args += \"a").append(i).append("\"\n");
        sb.append("services {\n");
        for (int i = 0; i < 80; i++) {
            sb.append("  s").append(i).append(" { command = ${vars.args}, env { P = ${vars.port}, Q = ${vars.port}")
                    .append(", R = ${vars.port} }, before-start = [\"a\"], before-start += \"b\" }\n");
        }
        Manifest m = ManifestLoader.load(write(sb.append("}\n").toString()));
        assertEquals(41, m.service("s79").command().argv().size());
        assertEquals(2, m.service("s79").beforeStart().size());
    }

    @Test
    void aMillionKeysAreRefusedBeforeTheyFillTheHeap() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) sb.append("vars.k").append(i).append(" = 1\n");
        ManifestException e = problems(sb.toString());
        assertOnlyProblem(e, "launcher.conf:33334:", "more than 100000 keys, values and brackets");
    }

    @Test
    void aKeyOfAHundredThousandWordsCostsThePreScanNoQuadraticWork() {
        String line = "a ".repeat(99_000) + "= 1\n";
        long allocated = allocatedBy(() -> TextLimits.check(line, dir.resolve("launcher.conf")));
        assertTrue(allocated < 50_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aFileOverTenMegabytesIsNotReadAtAll() throws Exception {
        Path file = dir.resolve("launcher.conf");
        try (var out = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            out.write(java.nio.ByteBuffer.wrap(new byte[] {' '}), ManifestLoader.MAX_BYTES);    // sparse: no 10 MB written
        }
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertOnlyProblem(e, "launcher.conf: is 10 MB, where a manifest has a few KB", "at most 10 MB");
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
        long allocated = allocatedBy(() -> {
            assertTrue(Suggestions.closest(huge, ManifestKeys.SERVICE).isEmpty());
            assertTrue(Suggestions.closest(huge, alsoHuge).isEmpty(), "two huge words are not compared");
        });
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

    @Test
    void aChainOfThousandsOfDependenciesNeedsNoDeepStack() throws Exception {
        StringBuilder sb = new StringBuilder("services {\n  s0 { command = x }\n");
        int n = 5000;
        for (int i = 1; i < n; i++) sb.append("  s").append(i).append(" { command = x, depends-on = s").append(i - 1).append(" }\n");
        Path file = write(sb.append("}\n").toString());
        Manifest m = assertTimeoutPreemptively(QUICKLY, () -> ManifestLoader.load(file));
        assertEquals("s0", m.startOrder().get(0));
        assertEquals("s" + (n - 1), m.startOrder().get(n - 1));
    }

    @Test
    void dependencyCycleAcrossThousandsOfServicesIsFoundWithoutRecursion() {
        int n = 5000;
        var deps = new java.util.LinkedHashMap<String, List<String>>();
        for (int i = 0; i < n; i++) deps.put("s" + i, List.of("s" + ((i + 1) % n)));
        List<String> cycle = DependencyOrder.findCycle(deps).orElseThrow();
        assertEquals(n + 1, cycle.size());
        assertEquals(cycle.get(0), cycle.get(n));
    }

    /** Bytes this thread allocates running {@code r}: a cost that no machine's speed blurs. */
    private static long allocatedBy(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        r.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    /** file:line: message, with the file's name only (the folder is a temporary one). */
    static String shown(Problem p) {
        return p.location().file().getFileName() + (p.location().line() > 0 ? ":" + p.location().line() : "") + ": " + p.message();
    }
}
