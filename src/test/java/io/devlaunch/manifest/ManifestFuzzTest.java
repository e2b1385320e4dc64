package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any bytes in launcher.conf end in a {@link Manifest} that the rest of devlaunch can use as is, or
 * in a {@link ManifestException} whose every problem names a file — never another exception and
 * never a hang.
 *
 * <p>Plain {@code mvn verify} runs this in Jazzer's regression mode: once for the empty input and
 * once for every file under {@code src/test/resources/io/devlaunch/manifest/ManifestFuzzTestInputs/},
 * a corpus of nasty manifests plus whatever the fuzzer ever found. {@code fuzz/run.sh} runs the
 * same method coverage-guided (JAZZER_FUZZ=1); a finding lands in that folder and so becomes a
 * regression case.
 */
class ManifestFuzzTest {
    // A Java exception's class name in a message means a message written for no person.
    private static final Pattern JAVA_CLASS_NAME = Pattern.compile(
            "\\b(?:java|javax|sun|com\\.typesafe)\\.[a-z]+\\.[A-Za-z.$]*(?:Exception|Error)\\b");

    /**
     * Time per input: generous for a slow shared CI machine, far below a hang. When fuzzing,
     * libFuzzer enforces it ({@code -timeout} in fuzz/run.sh): a JUnit timeout would end the whole
     * fuzzing run, which is one invocation of this method.
     */
    private static final Duration PER_INPUT = Duration.ofSeconds(10);
    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null;

    // One folder per class, not per input: a fuzzing run writes the manifest millions of times.
    @TempDir
    static Path project;

    /** Files the fuzzer's includes can find: a valid block, a syntax error, a file including itself. */
    @BeforeAll
    static void includableFiles() throws IOException {
        Files.writeString(project.resolve("a.conf"), "services { inc { command = x, port = 7000 } }\n");
        Files.writeString(project.resolve("bad.conf"), "services { x = [ }\n");
        Files.writeString(project.resolve("self.conf"), "include \"self.conf\"\nvars.n = 1\n");
        Files.createDirectories(project.resolve("sub"));
        Files.writeString(project.resolve("sub/b.conf"), "vars { b = ${?HOME} }\ninclude \"../a.conf\"\n");
    }

    @FuzzTest(maxDuration = "2m")
    void anyBytesEndInAManifestOrAProblemNamingTheFile(byte[] bytes) throws IOException {
        Path file = Files.write(project.resolve(ManifestLocator.FILE_NAME), bytes);
        if (FUZZING) {
            loadAndCheck(file);
        } else {
            assertTimeoutPreemptively(PER_INPUT, () -> loadAndCheck(file), "a hang on this input");
        }
    }

    private static void loadAndCheck(Path file) {
        Manifest m;
        try {
            m = ManifestLoader.load(file);
        } catch (ManifestException e) {
            assertNamesAFile(e, file);
            return;
        }
        UsableManifest.check(m);
    }

    private static void assertNamesAFile(ManifestException e, Path file) {
        assertFalse(e.problems().isEmpty(), "a ManifestException without problems");
        boolean namesTheManifest = false;
        for (Problem p : e.problems()) {
            assertNotNull(p.location().file(), () -> "no file for: " + p.message());
            assertFalse(p.message().isBlank(), () -> "empty message at " + p.location());
            assertFalse(JAVA_CLASS_NAME.matcher(p.message()).find(), () -> "Java class name in: " + p);
            namesTheManifest |= p.location().file().equals(file) || Files.isRegularFile(p.location().file());
        }
        assertTrue(namesTheManifest, () -> "no problem names the manifest or a file it includes:\n" + e.getMessage());
    }
}
