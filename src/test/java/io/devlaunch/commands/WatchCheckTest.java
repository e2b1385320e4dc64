package io.devlaunch.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchCheckTest {
    @TempDir
    Path dir;

    @Test
    void aWatchedPathThatDoesNotExistIsACheckProblemNotACrash() {
        TestFiles.write(dir.resolve("app/main.py"), "x\n");
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = "exec true", watch = ["app", "src/**/*.py"] } }
                """);
        CliRun run = CliRun.run(dir, "check");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("watch entry \"src/**/*.py\" does not exist"), run.transcript());
        assertTrue(!run.out().contains("watch entry \"app\""), "app exists\n" + run.transcript());
    }
}
