package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.runstate.DashboardRecord;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code devlaunch dashboard}: the running supervisor's dashboard address, with its token, read
 * from {@code .devlaunch/} (no server classes load for it).
 */
public final class Dashboard {
    private final Manifest manifest;
    private final PrintStream out;

    public Dashboard(Manifest manifest, PrintStream out) {
        this.manifest = manifest;
        this.out = out;
    }

    public int run() {
        StateFolder folder = StateFolder.of(manifest);
        RecordedSupervisor sup = RecordedSupervisor.read(new RunRecords(folder));
        if (!sup.running()) {
            throw DevLaunchException.failed("no devlaunch is running for " + manifest.project() + ", so there is no dashboard; "
                    + "`devlaunch up` (or `devlaunch up -d`) starts one and prints its address");
        }
        long pid = sup.pid();
        Optional<DashboardRecord> rec = DashboardRecord.read(folder).filter(r -> r.supervisorPid() == pid);
        if (rec.isEmpty()) {
            String why = manifest.dashboard().enabled()
                    ? "it was started with --no-dashboard, or every dashboard port was taken (its console says which)"
                    : "launcher.conf has dashboard { enabled = false }";
            throw DevLaunchException.failed("the running devlaunch (PID " + pid + ") serves no dashboard: " + why
                    + "; to have one, `devlaunch down`, then `devlaunch up` with the dashboard enabled");
        }
        out.println(rec.get().url());
        return ExitCodes.OK;
    }
}
