package io.devlaunch.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * watchdog.sh on its own, fed by this test as the supervisor would feed it: what it does at
 * end-of-file (the supervisor died), and what it never does — signal a PID whose start time is not
 * the one it was told (the OS reused it), or anything at all after {@code quit}.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(30)
class WatchdogScriptTest {
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(Process::destroyForcibly);
    }

    private Process spawn(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private Process watchdog() throws Exception {
        String script;
        try (var in = Watchdog.class.getResourceAsStream("watchdog.sh")) {
            script = Watchdog.compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return spawn("/usr/bin/setsid", "/bin/sh", "-c", script, "devlaunch-watchdog");
    }

    /** Whether {@code /proc/PID/status} shows each of {@code signals} ignored. */
    private static boolean ignores(long pid, int... signals) throws Exception {
        for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
            if (!l.startsWith("SigIgn:")) continue;
            long mask = Long.parseUnsignedLong(l.substring(7).trim(), 16);
            for (int sig : signals) if ((mask & (1L << (sig - 1))) == 0) return false;
            return true;
        }
        return false;
    }

    private static long ticks(Process p) {
        return ProcFs.system().startTicks(p.pid()).orElseThrow();
    }

    private static void send(Process watchdog, String lines) throws Exception {
        OutputStream in = watchdog.getOutputStream();
        in.write(lines.getBytes(StandardCharsets.US_ASCII));
        in.flush();
    }

    @Test
    void atEndOfInputItStopsWhatItWasToldButNeverAProcessWhosePidWasReused() throws Exception {
        Process ours = spawn("sleep", "60");
        Process stubborn = spawn("sh", "-c", "trap '' TERM; while :; do sleep 1; done");
        Process reused = spawn("sleep", "60");      // recorded with another start time: the PID now belongs to someone else
        Process forgotten = spawn("sleep", "60");   // told, then `del`: it ended as far as the supervisor knows
        await().until(() -> ProcFs.system().startTicks(stubborn.pid()).isPresent());
        Process w = watchdog();
        send(w, "add " + ours.pid() + " " + ticks(ours) + " 5000\n"
                + "add " + stubborn.pid() + " " + ticks(stubborn) + " 300\n"
                + "add " + reused.pid() + " " + (ticks(reused) - 7) + " 100\n"
                + "add " + forgotten.pid() + " " + ticks(forgotten) + " 100\n"
                + "del " + forgotten.pid() + "\n"
                + "add not-a-pid 1 1\n");
        // Ctrl+C or a kill of the supervisor's group must not end it: it ignores them — once its first
        // line (the trap) has run, which is what the supervisor's first `add` waits on in effect.
        await().atMost(Duration.ofSeconds(5)).until(() -> ignores(w.pid(), 1, 2, 15));
        new ProcessBuilder("kill", "-TERM", Long.toString(w.pid())).start().waitFor();
        new ProcessBuilder("kill", "-INT", Long.toString(w.pid())).start().waitFor();
        new ProcessBuilder("kill", "-HUP", Long.toString(w.pid())).start().waitFor();
        assertTrue(w.isAlive(), "the watchdog ignores TERM, INT and HUP");

        long t0 = System.nanoTime();
        w.getOutputStream().close();      // the supervisor's end of the pipe closes: it died
        assertTrue(ours.waitFor(2, TimeUnit.SECONDS), "a told process gets SIGTERM");
        assertTrue(stubborn.waitFor(3, TimeUnit.SECONDS), "a SIGTERM-ignorer gets SIGKILL after its stop-timeout");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 250, "SIGKILL came only " + ms + " ms after SIGTERM, before the 300 ms stop-timeout");
        assertTrue(w.waitFor(3, TimeUnit.SECONDS), "the watchdog exits once its work is done");
        assertEquals(0, w.exitValue());
        assertTrue(reused.isAlive(), "a PID whose start time differs from the recorded one is never signalled");
        assertTrue(forgotten.isAlive(), "a process the supervisor said had ended is not signalled");
    }

    @Test
    void quitMeansTheSupervisorStoppedEverythingItselfAndNothingIsTouched() throws Exception {
        Process ours = spawn("sleep", "60");
        await().until(() -> ProcFs.system().startTicks(ours.pid()).isPresent());
        Process w = watchdog();
        send(w, "add " + ours.pid() + " " + ticks(ours) + " 100\nquit\n");
        assertTrue(w.waitFor(3, TimeUnit.SECONDS), "quit ends the watchdog");
        assertTrue(ours.isAlive());
    }

    @Test
    void aLeaderTakesItsProcessGroupWithIt() throws Exception {
        // A group leader (setsid) whose child stays in its group; only the leader is told, as right after a spawn.
        Process leader = spawn("/usr/bin/setsid", "sh", "-c", "sleep 60 & echo $!; wait");
        long child = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(leader.getInputStream())).readLine().trim());
        Process w = watchdog();
        send(w, "add " + leader.pid() + " " + ticks(leader) + " 1000 g\n");
        w.getOutputStream().close();
        assertTrue(leader.waitFor(2, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(2)).until(() -> ProcFs.system().gone(child));
        assertTrue(w.waitFor(3, TimeUnit.SECONDS));
    }
}
