package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** `up` watches what the manifest says; `up --no-watch` does not; `status` tells which, in its table and its JSON. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class WatchFlagIT {
    @TempDir
    Path dir;

    @Test
    void statusSaysWhatIsWatchedAndNoWatchTurnsItOff() throws Exception {
        TestFiles.write(dir.resolve("app/main.py"), "print('hi')\n");
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = "exec sleep 60", watch = ["app"] } }
                """);
        try {
            assertEquals(0, JarRun.run(dir, "up", "-d").code());
            JarRun.Result json = JarRun.run(dir, "status", "--json");
            assertTrue(json.out().contains("\"watching\":[\"app\"]"), json.out());
            assertTrue(JarRun.run(dir, "status").out().contains("↻ restarts when app change"), "the table says it too");
            assertEquals(0, JarRun.run(dir, "down").code());

            JarRun.Result up = JarRun.run(dir, "up", "-d", "--no-watch");
            assertEquals(0, up.code(), up.out());
            JarRun.Result off = JarRun.run(dir, "status", "--json");
            assertTrue(off.out().contains("\"watching\":[]"), off.out());
        } finally {
            JarRun.run(dir, "down");
        }
    }
}
