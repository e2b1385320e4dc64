package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor is SIGKILLed — nothing in it runs — and so is its watchdog (the OOM killer took
 * both, or someone killed it first), so its children and grandchildren live on, holding the ports.
 * `clean` (or the next `up`) must find and stop every one of them.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class CrashRecoveryIT {
    @TempDir
    Path dir;

    private JarRun.Running devlaunch(String... args) throws Exception {
        return JarRun.start(dir, args);
    }

    /** SIGKILL to the watchdog the supervisor recorded (by PID, its start time checked), then to the supervisor. */
    private void killWatchdogAndSupervisor(JarRun.Running up) throws Exception {
        ProcessIdentity watchdog = new RunRecords(new StateFolder(dir.resolve(".devlaunch"))).readWatchdog()
                .orElseThrow(() -> new AssertionError("no watchdog recorded"));
        watchdog.live().orElseThrow(() -> new AssertionError("the recorded watchdog is not running")).destroyForcibly();
        await().atMost(Duration.ofSeconds(5)).until(() -> watchdog.live().isEmpty());
        new ProcessBuilder("kill", "-9", Long.toString(up.process().pid())).start().waitFor();
        assertTrue(up.process().waitFor(10, TimeUnit.SECONDS));
    }

    private List<Long> startWedgedStack(int port) throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  api { command = %s, port = %d }
                  worker { command = "sleep 300 & echo grandchild=$!; wait" }
                }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, port), port));
        JarRun.Running up = devlaunch("up");
        await().atMost(Duration.ofSeconds(30)).until(() -> up.output().stream().anyMatch(l -> l.contains("all 2 services healthy")));
        String all = String.join("\n", up.output());
        List<Long> pids = new ArrayList<>();
        Matcher m = Pattern.compile("(?:PID |grandchild=)(\\d+)").matcher(all);
        while (m.find()) pids.add(Long.parseLong(m.group(1)));
        assertEquals(3, pids.size(), all);
        killWatchdogAndSupervisor(up);
        for (long pid : pids) assertFalse(Fixtures.gone(pid), "PID " + pid + " should outlive the SIGKILLed supervisor");
        return pids;
    }

    @Test
    void cleanStopsEveryLeftoverChildAndGrandchildAndFreesThePorts() throws Exception {
        int port = Fixtures.freePort();
        List<Long> leftovers = startWedgedStack(port);
        try {
            JarRun.Running clean = devlaunch("clean", "--yes");
            assertTrue(clean.process().waitFor(60, TimeUnit.SECONDS));
            String out = String.join("\n", clean.output());
            assertEquals(0, clean.process().exitValue(), out);
            for (long pid : leftovers) assertTrue(Fixtures.gone(pid), "PID " + pid + " survived clean\n" + out);
            assertEquals(List.of(), new LinuxPortOwners().holders(port), out);
            assertTrue(out.contains("stopped leftover PID"), out);
            assertTrue(out.contains("removed .devlaunch/supervisor.json"), out);
        } finally {
            leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /**
     * The run that recovered a killed supervisor's leftovers must record its own children: it did not
     * (the old records' removal latched "run over" on the records it writes through), so after a
     * second kill `clean` found nothing and left the services running.
     */
    @Test
    void aSecondKillAfterARecoveryIsCleanedUpToo() throws Exception {
        int port = Fixtures.freePort();
        List<Long> first = startWedgedStack(port);
        JarRun.Running up = devlaunch("up");
        List<Long> second = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> up.output().stream().anyMatch(l -> l.contains("all 2 services healthy")));
            String out = String.join("\n", up.output());
            assertTrue(out.contains("ended without cleaning up"), out);
            Matcher m = Pattern.compile("(?:; PID |grandchild=)(\\d+)").matcher(out);      // this run's, not the leftovers it stopped
            while (m.find()) second.add(Long.parseLong(m.group(1)));
            assertEquals(3, second.size(), out);
            await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.exists(dir.resolve(".devlaunch/services.json")));
            killWatchdogAndSupervisor(up);
            for (long pid : second) assertFalse(Fixtures.gone(pid), "PID " + pid + " should outlive the second kill");

            JarRun.Result clean = JarRun.run(dir, "clean", "--yes");
            assertEquals(0, clean.code(), clean.out());
            for (long pid : second) assertTrue(Fixtures.gone(pid), "PID " + pid + " survived clean after the second kill\n" + clean.out());
            assertEquals(List.of(), new LinuxPortOwners().holders(port), clean.out());
        } finally {
            up.process().destroyForcibly();
            first.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            second.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void downStopsTheSupervisorAndEverythingItStartedAndWaits() throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  api { command = %s, port = %d }
                  worker { command = "sleep 300 & echo grandchild=$!; wait", depends-on = [api] }
                }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, port), port));
        JarRun.Running up = devlaunch("up");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> up.output().stream().anyMatch(l -> l.contains("all 2 services healthy")));
            List<Long> pids = new ArrayList<>();
            Matcher m = Pattern.compile("(?:PID |grandchild=)(\\d+)").matcher(String.join("\n", up.output()));
            while (m.find()) pids.add(Long.parseLong(m.group(1)));
            JarRun.Running down = devlaunch("down");
            assertTrue(down.process().waitFor(30, TimeUnit.SECONDS));
            String out = String.join("\n", down.output());
            assertEquals(0, down.process().exitValue(), out);
            assertTrue(out.contains("all stopped in"), out);
            assertTrue(up.process().waitFor(5, TimeUnit.SECONDS), "up has ended");
            assertEquals(130, up.process().exitValue());
            String upOut = String.join("\n", up.output());
            assertTrue(upOut.indexOf("worker stopped") < upOut.indexOf("api    stopped"), "reverse dependency order\n" + upOut);
            for (long pid : pids) assertTrue(Fixtures.gone(pid), "PID " + pid + " survived down");
            assertEquals(List.of(), new LinuxPortOwners().holders(port));
        } finally {
            if (up.process().isAlive()) JarRun.run(dir, "down");     // a failed assertion leaves nothing running
        }
    }

    @Test
    void theNextUpClearsTheLeftoversFirst() throws Exception {
        int port = Fixtures.freePort();
        List<Long> leftovers = startWedgedStack(port);
        JarRun.Running up = devlaunch("up");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> up.output().stream().anyMatch(l -> l.contains("all 2 services healthy")));
            String out = String.join("\n", up.output());
            assertTrue(out.contains("ended without cleaning up"), out);
            for (long pid : leftovers) assertTrue(Fixtures.gone(pid), "PID " + pid + " survived\n" + out);
        } finally {
            new ProcessBuilder("kill", "-TERM", Long.toString(up.process().pid())).start().waitFor();
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS));
            leftovers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
