package io.devlaunch.commands;

import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Durations;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.runstate.Leftovers;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code devlaunch down}: the running supervisor gets SIGTERM — the same ordered stop as Ctrl+C —
 * and is waited for; whatever of its tree is still there after every service's stop-timeout is
 * killed. The supervisor is identified by PID and start time, never by a bare PID.
 */
public final class Down {
    private final Manifest manifest;
    private final Consumer<String> report;

    public Down(Manifest manifest, Consumer<String> report) {
        this.manifest = manifest;
        this.report = report;
    }

    public int run() {
        Leftovers leftovers = new Leftovers(new RunRecords(StateFolder.of(manifest)), ProcessTree.forThisOs());
        RecordedSupervisor sup = leftovers.supervisor();
        if (!sup.running()) {
            report.accept(sup.leftBehind()
                    ? "no supervisor running (PID " + sup.pid() + " is gone; `devlaunch clean` clears its leftovers)"
                    : "no supervisor running for " + manifest.project());
            return ExitCodes.OK;
        }
        ProcessIdentity id = sup.live().orElseThrow();
        report.accept("stopping the supervisor (PID " + id.pid() + ") and its services");
        long t0 = System.nanoTime();
        Leftovers.SupervisorStop stop = leftovers.stopSupervisor(id, manifest);
        String took = Durations.seconds(Duration.ofNanos(System.nanoTime() - t0));
        switch (stop.result()) {
            case ALREADY_GONE, TERMINATED -> report.accept("all stopped in " + took);
            default -> report.accept(stop.result().describe("the supervisor (PID " + id.pid() + ")", " and what was left of its tree",
                    stop.grace()) + " in " + took);
        }
        return stop.result().stopped() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
