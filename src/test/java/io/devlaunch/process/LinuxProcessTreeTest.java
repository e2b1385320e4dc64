package io.devlaunch.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Signalling what is left of a reaped child's session, and never a session whose number was reused. */
@EnabledOnOs(OS.LINUX)
class LinuxProcessTreeTest {
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aSessionWhoseLeaderIsGoneIsSignalledButOneWhoseNumberNowBelongsToALiveLeaderIsNot() throws Exception {
        ProcessTree tree = ProcessTree.forThisOs();
        // Ours: the leader (sh) exits at once, its sleep stays in the session.
        Process leader = new ProcessBuilder("setsid", "sh", "-c", "sleep 30 & echo $!").start();
        long orphan;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(leader.getInputStream(), StandardCharsets.UTF_8))) {
            orphan = Long.parseLong(r.readLine().trim());
        }
        ProcessHandle.of(orphan).ifPresent(started::add);
        assertTrue(leader.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcSnapshot.take().get(leader.pid()).isEmpty());    // reaped
        // Someone else's: a live session leader, as a reused number would be.
        Process foreign = new ProcessBuilder("setsid", "sleep", "30").start();
        started.add(foreign.toHandle());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcSnapshot.take().get(foreign.pid())
                .map(s -> s.session() == foreign.pid() && s.pgrp() == foreign.pid()).orElse(false));

        tree.signalSession(foreign.pid(), PosixSignal.TERM);
        tree.signalSession(leader.pid(), PosixSignal.TERM);
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcFs.system().gone(orphan));
        assertTrue(foreign.isAlive(), "a live process that leads session " + foreign.pid() + " is not ours to signal");
    }
}
