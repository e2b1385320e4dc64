package io.devlaunch.runstate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.ServiceStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
    @TempDir
    Path dir;

    private static List<ServiceStatus> oneRunning(long pid) {
        return List.of(new ServiceStatus("api", ServiceState.HEALTHY, pid, Instant.ofEpochMilli(1_000), List.of(8080), Map.of(), 0, null));
    }

    @Test
    void aRunThatRemovedAKilledRunsRecordsStillRecordsItsOwnChildren() throws Exception {
        StateFolder folder = new StateFolder(dir);
        folder.prepare();
        RunRecords records = new RunRecords(folder);
        records.writeServices(oneRunning(41), java.util.Map.of());          // the killed run's record

        records.removePrevious();                       // the next up, having stopped its leftovers
        records.writeServices(oneRunning(42), java.util.Map.of());          // … records its own children

        assertTrue(Files.exists(folder.servicesRecord()), "services.json must be written after the previous run's was removed");
        assertEquals(List.of(new ProcessIdentity(42, 1_000)), new RunRecords(folder).readChildren());
    }

    @Test
    void afterTheRunIsClearedALateStateChangeWritesNothing() throws Exception {
        StateFolder folder = new StateFolder(dir);
        folder.prepare();
        RunRecords records = new RunRecords(folder);
        records.clear();
        records.writeServices(oneRunning(42), java.util.Map.of());
        assertTrue(Files.notExists(folder.servicesRecord()));
    }

    @Test
    void theWatchdogIsRecordedBesideTheSupervisor() throws Exception {
        StateFolder folder = new StateFolder(dir);
        folder.prepare();
        Files.writeString(dir.resolve("launcher.conf"), "services { a { command = \"true\" } }\n");
        var manifest = io.devlaunch.manifest.ManifestLoader.load(dir.resolve("launcher.conf"));
        new RunRecords(folder).writeSupervisor(manifest, new ProcessIdentity(7, 70), true, new ProcessIdentity(8, 80));
        assertEquals(new ProcessIdentity(8, 80), new RunRecords(folder).readWatchdog().orElseThrow());
    }
}
