package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A virtualenv nobody activated: init and check find its programs where npm scripts and `source .venv/bin/activate` would. */
class ProjectEnvironmentTest {
    /** Not a name any machine has on PATH, so the test means the same everywhere; gunicorn is what the project ran. */
    private static final String PROGRAM = "gunicorn-devlaunch-test";

    @TempDir
    Path dir;

    @BeforeEach
    void aProjectWithItsServerOnlyInItsVirtualenv() throws Exception {
        Path bin = TestFiles.write(dir.resolve(".venv/bin/" + PROGRAM), "#!/bin/sh\necho serving \"$@\"\nexec sleep 30\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void initWritesThePathItFound() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "web: " + PROGRAM + " app:app\n");
        CliRun init = CliRun.run(dir, "init");
        assertEquals(0, init.exitCode(), init.transcript());
        String command = ManifestLoader.load(dir.resolve("launcher.conf")).services().get("web").command().shellLine();
        assertEquals(".venv/bin/" + PROGRAM + " app:app", command, Files.readString(dir.resolve("launcher.conf")));
        assertTrue(init.out().contains("runs .venv/bin/" + PROGRAM + " from the project's own environment"), init.transcript());

        CliRun check = CliRun.run(dir, "check");
        assertTrue(check.out().contains(".venv/bin/" + PROGRAM + " found at"), check.transcript());
        assertFalse((check.out() + check.err()).contains("not on PATH"), check.transcript());
    }

    @Test
    void checkSaysWhereTheProgramIsAndWhatToWrite() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services {\n  web { command = \"" + PROGRAM + " app:app\" }\n"
                + "  api { command = [\"" + PROGRAM + "\", \"-w\", \"2\"], dir = sub }\n}\n");
        Files.createDirectories(dir.resolve("sub"));
        CliRun check = CliRun.run(dir, "check");
        assertEquals(1, check.exitCode(), check.transcript());
        String all = check.out() + check.err();
        assertTrue(all.contains(PROGRAM + " is not on PATH, but the project has it at " + dir.resolve(".venv/bin/" + PROGRAM)
                + "; write command = \".venv/bin/" + PROGRAM + " app:app\""), check.transcript());
        assertTrue(all.contains("write command = [\"../.venv/bin/" + PROGRAM + "\", \"-w\", \"2\"]"), "from sub/, one folder up\n" + check.transcript());
    }
}
