package io.devlaunch.commands;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyCheckTest {
    @TempDir
    Path dir;

    @Test
    void aProxiedCommandThatNamesItsPublicPortIsAProblem() {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  api { command = ["sh", "-c", "exec true", "--port", "%d"], port = %d, proxy = true }
                  web { command = "sh -c 'exec true' --port=$PORT", port = %d, proxy = true }
                }
                """.formatted(port, port, Fixtures.freePort()));
        CliRun run = CliRun.run(dir, "check");
        assertTrue(run.exitCode() == 1, run.transcript());
        assertTrue(run.out().contains("!!      command names port " + port + " itself") && run.out().contains("$PORT"), run.transcript());
        assertTrue(run.out().split("command names port").length == 2, "only api's; web's $PORT is what it should say\n" + run.transcript());
    }
}
