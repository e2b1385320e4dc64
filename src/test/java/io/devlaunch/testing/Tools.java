package io.devlaunch.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An outside tool a test needs (docker-compose, systemd-analyze, a shell, Chromium). .ci/run installs it; under
 * {@code DEVLAUNCH_CI=1} a missing tool fails the test, elsewhere the test is skipped and says
 * which apt package provides it.
 */
public final class Tools {
    private Tools() {}

    /** The tool's path on PATH, or the test fails (CI) / is skipped (elsewhere). */
    public static Path need(String program, String aptPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (d.isEmpty()) continue;
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) return p;
        }
        missing(program + " is not on PATH (apt-get install -y " + aptPackage + ")");
        return null;
    }

    /**
     * Something a test needs is not here ({@code why} says what and how to install it): the test
     * fails under {@code DEVLAUNCH_CI=1}, where .ci/run installs everything, and is skipped elsewhere.
     */
    public static void missing(String why) {
        if ("1".equals(System.getenv("DEVLAUNCH_CI"))) fail("DEVLAUNCH_CI=1 and " + why
                + "; .ci/run should have installed it");
        assumeTrue(false, "skipped: " + why);
    }
}
