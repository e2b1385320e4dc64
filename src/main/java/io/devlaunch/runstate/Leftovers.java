package io.devlaunch.runstate;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.CommandLines;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.TreeTerminator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run left behind, and stopping it: the recorded supervisor (when one still runs, for
 * {@code down} and {@code clean}) and the children a supervisor that died without cleaning up
 * (SIGKILL, a closed terminal, a crash) had recorded. Only processes whose PID *and* start time
 * match a record are touched, so a PID the OS has since given to another program is never hit.
 */
public final class Leftovers {
    static final Duration CHILD_GRACE = Duration.ofSeconds(5);
    /** A supervisor stops its services in order; it gets their longest stop-timeout plus this. */
    static final Duration SUPERVISOR_MARGIN = Duration.ofSeconds(5);

    private final RunRecords records;
    private final TreeTerminator terminator;

    public Leftovers(RunRecords records, ProcessTree tree) {
        this.records = records;
        this.terminator = new TreeTerminator(tree);
    }

    /** The recorded supervisor, if another process than this one. */
    public RecordedSupervisor supervisor() {
        return RecordedSupervisor.read(records).notSelf();
    }

    /** What stopping the supervisor came to. */
    public record SupervisorStop(TreeTerminator.Result result, Duration grace) {}

    /**
     * SIGTERM to the supervisor — the same ordered stop as Ctrl+C — then, if it has not ended within
     * the services' longest stop-timeout plus a margin, SIGKILL to whatever of its tree is left.
     */
    public SupervisorStop stopSupervisor(ProcessIdentity supervisor, Manifest manifest) {
        Duration grace = manifest.services().values().stream().map(ServiceSpec::stopTimeout).max(Duration::compareTo)
                .orElse(Duration.ZERO).plus(SUPERVISOR_MARGIN);
        return new SupervisorStop(terminator.terminateLeader(supervisor, grace), grace);
    }

    /** Recorded children that still run, identity checked. */
    private List<ProcessIdentity> liveChildren() {
        List<ProcessIdentity> out = new ArrayList<>();
        for (ProcessIdentity c : records.readChildren()) if (c.live().isPresent()) out.add(c);
        return out;
    }

    /** Stops each live recorded child with its whole tree; one line per child for the report. */
    public List<String> stopChildren(boolean dryRun) {
        List<String> lines = new ArrayList<>();
        for (ProcessIdentity c : liveChildren()) {
            String who = "leftover PID " + c.pid() + " (" + CommandLines.of(c.pid()) + ")";
            if (dryRun) {
                lines.add("would stop " + who + " and its descendants");
                continue;
            }
            lines.add(terminator.terminate(c, true, CHILD_GRACE).describe(who, " and its descendants", CHILD_GRACE));
        }
        return lines;
    }
}
