package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The packaged supervisor (`up -d`) under abuse on its control socket: it answers, logs, stays up, and `restart` still works. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ControlSocketIT {
    @TempDir
    Path dir;

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    private String ask(byte[] request) throws Exception {
        try (RawPeer p = RawPeer.connect(dir.resolve(".devlaunch/control.sock"))) {
            p.send(request);
            return p.readToEnd(Duration.ofSeconds(10));
        }
    }

    @Test
    void abuseIsAnsweredAndLoggedAndRestartStillWorksBesideIdleConnections() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), ControlServerTest.WEB);
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());

        assertTrue(ask(("[".repeat(100_000) + "\n").getBytes(StandardCharsets.US_ASCII)).contains("longer than 64 KiB"));
        assertTrue(ask(("[".repeat(60_000) + "\n").getBytes(StandardCharsets.US_ASCII)).contains("nested 60000 levels deep"));
        assertTrue(ask("{\"cmd\":\"ping\"\n".getBytes(StandardCharsets.UTF_8)).contains("not a JSON object"));

        try (RawPeer idle = RawPeer.connect(dir.resolve(".devlaunch/control.sock"));
             RawPeer half = RawPeer.connect(dir.resolve(".devlaunch/control.sock"))) {
            half.send("{\"cmd\":");
            JarRun.Result restart = JarRun.run(dir, "restart", "web");
            assertEquals(0, restart.code(), restart.out());
            assertTrue(restart.out().contains("devlaunch | restarted"), restart.out());
        }

        String log = Files.readString(dir.resolve(".devlaunch/logs/supervisor.log"));
        assertTrue(log.contains("control socket: request refused: longer than 64 KiB"), log);
        assertTrue(log.contains("control socket: request refused: nested 60000 levels deep"), log);
        assertFalse(log.contains("StackOverflowError") || log.contains("Exception in thread"), log);
        assertEquals(0, JarRun.run(dir, "status").code(), "every service is healthy");
    }
}
