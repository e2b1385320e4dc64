package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar at its descriptor limit (the field report: `prlimit --nofile=1024:1024 devlaunch
 * up`, then ~1,100 half-open connections to the dashboard): every /proc read fails with EMFILE. The
 * services must go on running — same PID, same start time — and the console must say what ran out,
 * for /proc and for a restart that cannot get its pipes.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class DescriptorLimitIT {
    private static final int LIMIT = 256;

    @TempDir
    Path dir;

    private JarRun.Running up;
    private final List<Socket> held = new ArrayList<>();

    @AfterEach
    void release() throws Exception {
        for (Socket s : held) s.close();
        if (up != null && up.process().isAlive()) {
            JarRun.run(dir, "down");
            if (!up.process().waitFor(30, TimeUnit.SECONDS)) up.process().destroyForcibly().waitFor();
        }
    }

    @Test
    void outOfDescriptorsTheServicesKeepRunningAndTheConsoleSaysWhatRanOut() throws Exception {
        int dashboard = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                dashboard { port = %d }
                services {
                  listed { command = ["sleep", "300"] }
                  shell { command = "echo up; exec sleep 300", health.log = "up" }
                  crasher { command = "while [ ! -e crash ]; do sleep 0.05; done; rm crash; exit 3", restart = always }
                }
                """.formatted(dashboard));
        up = JarRun.start(dir, List.of("/usr/bin/env", "--default-signal=INT", "prlimit", "--nofile=" + LIMIT + ":"
                + LIMIT),
                "up", "--no-color");
        await().atMost(Duration.ofSeconds(60)).until(() -> up.text().contains("all 3 services healthy")
                || !up.process().isAlive());
        assertTrue(up.text().contains("all 3 services healthy"), up.text());
        List<ProcessIdentity> services = new ArrayList<>();
        for (Config c : Json.parse(JarRun.run(dir, "status", "--json").out()).getConfigList("services")) {
            if (!c.getString("name").equals("crasher")) services.add(ProcessIdentity.of(c.getLong("pid"))
                    .orElseThrow());
        }
        assertEquals(2, services.size());

        // Half-open connections to the dashboard until the supervisor can open nothing more; the
        // leader checks (every 100 ms) then read /proc and fail with EMFILE.
        // Once it is out, it accepts no more and connections wait in the listen backlog until that
        // is full too; a connect that times out (a slow accept, a full backlog) is simply tried again.
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ZERO).until(() -> {
                if (held.size() < 2 * LIMIT) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress("127.0.0.1", dashboard), 200);
                        held.add(s);
                    } catch (java.net.SocketTimeoutException e) {
                        s.close();
                    }
                }
                return up.text().contains("cannot read /proc: too many open files (limit " + LIMIT + ")");
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("never said it cannot read /proc; " + held.size()
                    + " connections held; it said:\n" + up.text(), e);
        }
        // A crash now: its restart cannot get pipes, and says why.
        Files.writeString(dir.resolve("crash"), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> up.text().contains("the OS refused to start"));
        String out = up.text();
        assertTrue(out.contains("the OS refused to start /bin/sh in " + dir.toRealPath()
                + ": too many open files (limit " + LIMIT + ")")
                || out.contains(": too many open files (limit " + LIMIT + ")"), out);
        assertFalse(out.contains("check that the program"), out);

        for (ProcessIdentity s : services) assertTrue(s.live().isPresent(), s + " is still running\n" + out);
        assertFalse(out.contains("SIGKILL"), out);
        assertEquals(1, count(out, "cannot read /proc"), "said once\n" + out);
        assertTrue(up.process().isAlive(), out);

        for (Socket s : held) s.close();
        held.clear();
        JarRun.Result down = JarRun.run(dir, "down");
        assertEquals(0, down.code(), down.out() + "\n" + up.text());
        assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
        for (ProcessIdentity s : services) assertTrue(s.live().isEmpty(), s + " was stopped by down");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }
}
