package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.ServiceRecord;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor dies outright (SIGKILL: nothing of it runs, no shutdown hook): its watchdog must
 * stop every process of every service within about a second — a grandchild in the service's group,
 * a port-holding daemon in a session of its own, one that ignores SIGTERM (after its 1 s
 * stop-timeout) — and free every port, so the next `up` starts cleanly. A normal exit leaves no
 * watchdog behind. The watchdog is always found by the PID and start time the supervisor recorded.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class SupervisorKillIT {
    private static final Duration CLEANED_WITHIN = Duration.ofSeconds(2);

    @TempDir
    Path dir;
    private int apiPort;
    private int daemonPort;
    private final List<ProcessIdentity> started = new ArrayList<>();    // everything a test saw running, for @AfterEach

    @BeforeEach
    void stack() throws Exception {
        apiPort = Fixtures.freePort();
        daemonPort = Fixtures.freePort();
        String daemon = Fixtures.javaArgv(HttpFixture.class, List.of(), daemonPort).stream().map(s -> "'" + s + "'")
                .collect(Collectors.joining(" "));
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  api { command = %s, port = %d }
                  grouped { command = "sleep 300 & echo grandchild=$!; wait" }
                  daemon { command = "%s", port = %d, stop-timeout = 1s }
                  stubborn { command = "trap '' TERM; sleep 300 & echo child=$!; while true; do sleep 1; done", stop-timeout = 1s }
                }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, apiPort), apiPort,
                ("setsid " + daemon + " & echo escaped=$!; wait").replace("\\", "\\\\").replace("\"", "\\\""), daemonPort));
    }

    /** Nothing a test started runs on, whatever failed: identities checked, so nothing else is hit. */
    @AfterEach
    void leaveNothingRunning() throws Exception {
        JarRun.run(dir, "down");
        for (ProcessIdentity p : started) p.live().ifPresent(ProcessHandle::destroyForcibly);
    }

    private RunRecords records() {
        return new RunRecords(new StateFolder(dir.resolve(".devlaunch")));
    }

    private String log(String service) throws Exception {
        Path f = dir.resolve(".devlaunch/logs/" + service + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** The last match: the logs keep an earlier run's lines. */
    private static long printed(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long last = -1;
        while (m.find()) last = Long.parseLong(m.group(1));
        return last;
    }

    /** Every process of the running stack, once each service is up and has printed its grandchild's PID. */
    private List<ProcessIdentity> theStack() throws Exception {
        List<ProcessIdentity> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            Map<String, ServiceRecord> s = records().readServices();
            return s.size() == 4 && s.values().stream().allMatch(ServiceRecord::isUp)
                    && printed(log("grouped"), "grandchild=(\\d+)") > 0 && printed(log("daemon"), "escaped=(\\d+)") > 0
                    && printed(log("stubborn"), "child=(\\d+)") > 0 && !new LinuxPortOwners().holders(daemonPort).isEmpty();
        });
        for (ServiceRecord r : records().readServices().values()) out.add(new ProcessIdentity(r.pid(), r.startedAt()));
        for (String[] g : new String[][] {{"grouped", "grandchild"}, {"daemon", "escaped"}, {"stubborn", "child"}}) {
            long pid = printed(log(g[0]), g[1] + "=(\\d+)");
            out.add(ProcessIdentity.of(pid).orElseThrow(() -> new AssertionError(g[0] + "'s " + g[1] + " PID " + pid + " is gone already")));
        }
        started.addAll(out);
        return out;
    }

    private ProcessIdentity watchdog() {
        ProcessIdentity w = records().readWatchdog().orElseThrow(() -> new AssertionError("no watchdog in supervisor.json"));
        assertTrue(w.live().isPresent(), "the recorded watchdog runs");
        started.add(w);
        return w;
    }

    /** SIGKILL to the supervisor; everything gone and both ports free within 2 s. Returns how long it took. */
    private Duration killAndAwaitCleanup(long supervisor, List<ProcessIdentity> stack, ProcessIdentity watchdog) throws Exception {
        long t0 = System.nanoTime();
        assertEquals(0, new ProcessBuilder("kill", "-KILL", Long.toString(supervisor)).start().waitFor());
        LinuxPortOwners owners = new LinuxPortOwners();
        await().atMost(CLEANED_WITHIN).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
            List<ProcessIdentity> alive = stack.stream().filter(p -> p.live().isPresent()).toList();
            assertEquals(List.of(), alive, "processes of the killed supervisor's services still alive");
            assertEquals(List.of(), owners.holders(apiPort), "port " + apiPort + " still held");
            assertEquals(List.of(), owners.holders(daemonPort), "port " + daemonPort + " still held");
        });
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        // Its work done, the watchdog is gone too.
        await().atMost(Duration.ofSeconds(2)).until(() -> watchdog.live().isEmpty());
        return took;
    }

    private void theNextUpStartsCleanly() throws Exception {
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        assertFalse(up.out().contains("stopped leftover") || up.out().contains("killed leftover") || up.out().contains("— stopped it")
                || up.out().contains("— killed it"), "nothing was left for the next up to stop:\n" + up.out());
        theStack();
        assertEquals(0, JarRun.run(dir, "down").code());
    }

    @Test
    void killingTheBackgroundSupervisorStopsEveryTreeWithinTwoSeconds() throws Exception {
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        List<ProcessIdentity> stack = theStack();
        ProcessIdentity watchdog = watchdog();
        long supervisor = records().readSupervisor().orElseThrow().pid();
        Duration took = killAndAwaitCleanup(supervisor, stack, watchdog);
        System.out.println("[SupervisorKillIT] up -d: " + stack.size() + " processes gone, 2 ports free " + took.toMillis()
                + " ms after SIGKILL of the supervisor (stop-timeout 1 s for the SIGTERM-ignorer)");
        theNextUpStartsCleanly();
    }

    @Test
    void killingAnAttachedUpStopsEveryTreeWithinTwoSeconds() throws Exception {
        JarRun.Running up = JarRun.start(dir, "up");
        try {
            List<ProcessIdentity> stack = theStack();
            ProcessIdentity watchdog = watchdog();
            Duration took = killAndAwaitCleanup(up.process().pid(), stack, watchdog);
            System.out.println("[SupervisorKillIT] attached up: " + stack.size() + " processes gone, 2 ports free " + took.toMillis()
                    + " ms after SIGKILL of the supervisor (stop-timeout 1 s for the SIGTERM-ignorer)");
            assertTrue(up.process().waitFor(5, TimeUnit.SECONDS));
        } finally {
            up.process().destroyForcibly();
        }
        theNextUpStartsCleanly();
    }

    @Test
    void ctrlCLeavesNoWatchdog() throws Exception {
        JarRun.Running up = JarRun.startInterruptible(dir, "up");
        try {
            theStack();
            ProcessIdentity watchdog = watchdog();
            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(up.process().pid())).start().waitFor());
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
            assertEquals(130, up.process().exitValue(), up.text());
            await().atMost(Duration.ofSeconds(2)).until(() -> watchdog.live().isEmpty());
        } finally {
            up.process().destroyForcibly();
        }
    }

    @Test
    void sigtermLeavesNoWatchdog() throws Exception {
        JarRun.Running up = JarRun.start(dir, "up");
        try {
            theStack();
            ProcessIdentity watchdog = watchdog();
            assertEquals(0, new ProcessBuilder("kill", "-TERM", Long.toString(up.process().pid())).start().waitFor());
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
            await().atMost(Duration.ofSeconds(2)).until(() -> watchdog.live().isEmpty());
        } finally {
            up.process().destroyForcibly();
        }
    }

    @Test
    void downLeavesNoWatchdog() throws Exception {
        assertEquals(0, JarRun.run(dir, "up", "--detach").code());
        theStack();
        ProcessIdentity watchdog = watchdog();
        JarRun.Result down = JarRun.run(dir, "down");
        assertEquals(0, down.code(), down.out());
        await().atMost(Duration.ofSeconds(2)).until(() -> watchdog.live().isEmpty());
    }

    @Test
    void aStackWhoseServicesAllEndedLeavesNoWatchdog() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { once { command = "sleep 2", restart = no } }
                """);
        JarRun.Running up = JarRun.start(dir, "up");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> records().readWatchdog().isPresent());
            ProcessIdentity watchdog = watchdog();
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
            assertEquals(0, up.process().exitValue(), up.text());
            await().atMost(Duration.ofSeconds(2)).until(() -> watchdog.live().isEmpty());
        } finally {
            up.process().destroyForcibly();
        }
    }
}
