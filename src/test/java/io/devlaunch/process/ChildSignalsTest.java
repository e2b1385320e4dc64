package io.devlaunch.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.devlaunch.lines.LineBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A real child's {@code /proc/PID/status}: no signal blocked, none ignored, whatever the JVM that
 * started it blocks (SIGQUIT, on every Java thread) or ignores (SIGPIPE, since NuProcess's start).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class ChildSignalsTest {
    private static final long SIGQUIT_BIT = 1L << (3 - 1);
    private static final long SIGPIPE_BIT = 1L << (13 - 1);
    private final ProcessTree tree = ProcessTree.forThisOs();
    private final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void stop() {
        for (ChildProcess c : started) c.signal(PosixSignal.KILL);
        for (ChildProcess c : started) await().atMost(Duration.ofSeconds(10)).until(c::exitReported);
    }

    @Test
    void aListCommandRunsWithNothingBlockedOrIgnoredUnderItsSpawnedPid() throws Exception {
        ChildProcess c = start(List.of("sleep", "30"));
        await().atMost(Duration.ofSeconds(10)).until(() -> comm(c.pid()).equals(Optional.of("sleep")));
        assertEquals(0L, mask(c.pid(), "SigBlk"), "blocked");
        assertEquals(0L, mask(c.pid(), "SigIgn"), "ignored");
        // The program is the PID devlaunch recorded, started when devlaunch says (identity = PID + start time).
        ProcessIdentity id = ProcessIdentity.of(c.pid()).orElseThrow();
        assertTrue(Math.abs(id.startMillis() - c.startedAt().toEpochMilli()) <= 1000, id + " vs " + c.startedAt());
        await().atMost(Duration.ofSeconds(10)).until(() -> tree.leadsOwnGroup(c.pid()));

        // NuProcess ignores SIGPIPE in the JVM (a write to a closed pipe must be an error, not death): still so.
        assertTrue((mask(ProcessHandle.current().pid(), "SigIgn") & SIGPIPE_BIT) != 0, "the JVM still ignores SIGPIPE");
    }

    @Test
    void aShellCommandAndWhatItStartsRunWithNothingBlockedOrIgnored() throws Exception {
        ChildProcess c = start(List.of("/bin/sh", "-c", "sleep 30; true"));
        await().atMost(Duration.ofSeconds(10)).until(() -> c.liveTree().stream().anyMatch(p
                -> comm(p).equals(Optional.of("sleep"))));
        for (long p : c.liveTree()) {
            assertEquals(0L, mask(p, "SigBlk"), "blocked in " + comm(p));
            assertEquals(0L, mask(p, "SigIgn"), "ignored in " + comm(p));
        }
    }

    @Test
    void theSpawningThreadGetsItsOwnMaskBack() throws Exception {
        Memory before = currentMask();
        assertNotEquals(0L, before.getLong(0) & SIGQUIT_BIT, "HotSpot blocks SIGQUIT on Java threads");
        start(List.of("sleep", "30"));
        assertArrayEquals(before.getByteArray(0, 128), currentMask().getByteArray(0, 128));
    }

    private ChildProcess start(List<String> argv) throws Exception {
        ChildProcess c = ChildProcess.start(argv, Path.of("/"), Map.of("PATH", System.getenv("PATH")), tree,
                new ChildProcess.Listener() {
                    @Override
                    public void onOutput(ChildProcess child, boolean stderr, LineBatch lines) {}

                    @Override
                    public void onExit(ChildProcess child, io.devlaunch.process.Exit exit) {}
                });
        started.add(c);
        return c;
    }

    private static Memory currentMask() {
        Memory m = new Memory(128);
        m.clear();
        assertEquals(0, LibC.get().sigprocmask(LibC.SIG_SETMASK, Pointer.NULL, m));
        return m;
    }

    private static Optional<String> comm(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc/" + pid + "/comm")).trim());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static long mask(long pid, String field) throws Exception {
        return ProcFs.system().signalSet(pid, field);
    }
}
