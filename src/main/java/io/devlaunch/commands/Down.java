package io.devlaunch.commands;

import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.TreeTerminator;
import io.devlaunch.runstate.Leftovers;
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
        ProcessTree tree = ProcessTree.forThisOs();
        RunRecords records = new RunRecords(StateFolder.of(manifest));
        Leftovers leftovers = new Leftovers(records, tree);
        var sup = leftovers.liveSupervisor();
        if (sup.isEmpty()) {
            report.accept(leftovers.hasDeadSupervisorRecord()
                    ? "no supervisor running (PID " + leftovers.recordedSupervisorPid() + " is gone; `devlaunch clean` clears its leftovers)"
                    : "no supervisor running for " + manifest.project());
            return ExitCodes.OK;
        }
        Duration grace = manifest.services().values().stream().map(ServiceSpec::stopTimeout).max(Duration::compareTo)
                .orElse(Duration.ZERO).plusSeconds(5);
        report.accept("stopping the supervisor (PID " + sup.get().pid() + ") and its services");
        long t0 = System.nanoTime();
        TreeTerminator.Result r = new TreeTerminator(tree).terminateLeader(sup.get(), grace);
        String took = String.format(java.util.Locale.ROOT, "%.2fs", (System.nanoTime() - t0) / 1e9);
        switch (r) {
            case ALREADY_GONE, TERMINATED -> report.accept("all stopped in " + took);
            case KILLED -> report.accept("the supervisor did not finish within " + grace.toSeconds() + "s; killed what was left ("
                    + took + ")");
            case SURVIVED -> {
                report.accept("some processes survived SIGKILL; see `devlaunch status`");
                return ExitCodes.FAILED;
            }
        }
        return ExitCodes.OK;
    }
}
