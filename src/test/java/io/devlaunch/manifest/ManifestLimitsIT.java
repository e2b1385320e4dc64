package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's {@code check} with the stack and heap bin/devlaunch gives it ({@code -Xss512k
 * -Xmx64m}), where a StackOverflowError or OutOfMemoryError is nearest: every nasty manifest ends
 * in one short message naming the file and exit code 2.
 */
@Timeout(120)
class ManifestLimitsIT {
    @TempDir
    Path dir;

    private record Run(int code, String out) {}

    private Run check(String manifest) throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), manifest);
        Process p = new ProcessBuilder(List.of(Fixtures.javaBin(), "-Xss512k", "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", Path.of("target/devlaunch.jar").toAbsolutePath().toString(), "check"))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "check ended");
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void assertOneProblem(Run run, String fragment) {
        String shown = run.out().length() > 3000 ? run.out().substring(0, 3000) + "…" : run.out();
        assertEquals(2, run.code(), shown);
        assertTrue(run.out().contains(fragment), "expected '" + fragment + "' in\n" + shown);
        assertTrue(run.out().contains("devlaunch: the manifest has a problem:"), shown);
        assertTrue(!run.out().contains("\tat ") && run.out().length() < 600, "one short message\n" + shown);
    }

    @Test
    void nestedTwoThousandDeep() throws Exception {
        assertOneProblem(check("services { a { command = x, env { X = " + "[".repeat(2000) + "]".repeat(2000) + " } } }\n"),
                "launcher.conf:1: nested too deep");
    }

    @Test
    void aKeyPathTwentyThousandSegmentsLong() throws Exception {
        assertOneProblem(check("vars" + ".a".repeat(20_000) + " = 1\nservices { s { command = x } }\n"),
                "launcher.conf: nested too deep to read");
    }

    @Test
    void aTwoMegabyteUnknownKey() throws Exception {
        assertOneProblem(check("services { a { command = x, " + "k".repeat(2_000_000) + " = 1 } }\n"),
                "launcher.conf:1: unknown key 'services.a.kkkk");
    }

    @Test
    void aTwoMegabyteValueWhereAWordIsExpected() throws Exception {
        assertOneProblem(check("services { a { command = x, restart = " + "v".repeat(2_000_000) + " } }\n"),
                "… (2000000 chars)'");
    }

    @Test
    void substitutionsThatDoubleAValueSixtyTimes() throws Exception {
        // No count foresees this one ("billion laughs"): the loader's OutOfMemoryError backstop answers.
        StringBuilder sb = new StringBuilder("vars {\n  a0 = \"xxxxxxxxxxxxxxxx\"\n");
        for (int i = 1; i < 60; i++) sb.append("  a").append(i).append(" = ${vars.a").append(i - 1).append("}${vars.a").append(i - 1).append("}\n");
        sb.append("}\nservices { s { command = x, env { X = ${vars.a59} } } }\n");
        assertOneProblem(check(sb.toString()), "launcher.conf: needs more memory to read than devlaunch has");
    }

    @Test
    void aChainOfFiveThousandDependencies() throws Exception {
        StringBuilder sb = new StringBuilder("services {\n  s0 { command = [\"true\"] }\n");
        for (int i = 1; i < 5000; i++) sb.append("  s").append(i).append(" { command = [\"true\"], depends-on = s").append(i - 1).append(" }\n");
        Run run = check(sb.append("}\n").toString());
        assertTrue(run.out().contains("is valid (project") && !run.out().contains("\tat "), run.out().substring(0, Math.min(2000, run.out().length())));
    }
}
