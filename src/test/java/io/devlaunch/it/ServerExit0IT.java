package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service that owns a port and exits 0 before it was ever healthy — Create React App's "Something
 * is already running on port 3000" — is a failed start, not a finished task (issue 21, item 3).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ServerExit0IT {
    @TempDir
    Path dir;
    int port;

    @BeforeEach
    void manifest() {
        port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { web { command = "echo 'Something is already running on port %d.'; exit 0", port = %d } }
                """.formatted(port, port));
    }

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    @Test
    void upDetachFailsAndSaysWhy() throws Exception {
        JarRun.Result up = JarRun.run(dir, "up", "--detach", "--no-dashboard");
        assertEquals(1, up.code(), up.out());
        assertTrue(up.out().contains("Something is already running on port " + port), "its last line is shown\n" + up.out());
        assertTrue(up.out().contains("web did not come up"), up.out());
        assertTrue(up.out().contains("keeps running for inspection"), up.out());
        assertFalse(up.out().contains("nothing is left running"), up.out());
        assertFalse(up.out().contains("running in the background"), up.out());
        JarRun.Result status = JarRun.run(dir, "status");
        assertEquals(1, status.code(), status.out());
        assertTrue(status.out().contains("supervisor running"), status.out());
        assertTrue(status.out().matches("(?s).*web +failed.*exited with code 0 before it was ever healthy.*"), "the reason is its exit\n" + status.out());
    }

    @Test
    void upInTheForegroundExits1() throws Exception {
        JarRun.Result up = JarRun.run(dir, "up", "--no-dashboard");
        assertEquals(1, up.code(), up.out());
        assertTrue(up.out().contains("web FAILED: exited with code 0 before it was ever healthy — a service that owns port " + port),
                up.out());
    }
}
