package io.devlaunch.runstate;

import io.devlaunch.process.CommandLines;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.TreeTerminator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a supervisor that died without cleaning up (SIGKILL, a closed terminal, a crash) left
 * behind: its record and the children it recorded. Only processes whose PID *and* start time match
 * a record are touched, so a PID the OS has since given to another program is never hit.
 */
public final class Leftovers {
    static final Duration CHILD_GRACE = Duration.ofSeconds(5);

    private final RunRecords records;
    private final TreeTerminator terminator;

    public Leftovers(RunRecords records, ProcessTree tree) {
        this.records = records;
        this.terminator = new TreeTerminator(tree);
    }

    /** The recorded supervisor if it still runs (not this process). */
    public Optional<ProcessIdentity> liveSupervisor() {
        return records.readSupervisor().filter(r -> r.pid() != ProcessHandle.current().pid() && r.live().isPresent());
    }

    public long recordedSupervisorPid() {
        return records.readSupervisor().map(ProcessIdentity::pid).orElse(-1L);
    }

    public boolean hasDeadSupervisorRecord() {
        return records.readSupervisor().isPresent() && liveSupervisor().isEmpty();
    }

    /** Recorded children that still run, identity checked. */
    public List<ProcessIdentity> liveChildren() {
        List<ProcessIdentity> out = new ArrayList<>();
        for (ProcessIdentity c : records.readChildren()) if (c.live().isPresent()) out.add(c);
        return out;
    }

    /** Stops each live recorded child with its whole tree; one line per child for the report. */
    public List<String> stopChildren(boolean dryRun) {
        List<String> lines = new ArrayList<>();
        for (ProcessIdentity c : liveChildren()) {
            String who = "PID " + c.pid() + " (" + CommandLines.of(c.pid()) + ")";
            if (dryRun) {
                lines.add("would stop leftover " + who + " and its descendants");
                continue;
            }
            TreeTerminator.Result r = terminator.terminate(c, true, CHILD_GRACE);
            lines.add(switch (r) {
                case ALREADY_GONE -> "leftover " + who + " had already exited";
                case TERMINATED -> "stopped leftover " + who + " and its descendants";
                case KILLED -> "killed leftover " + who + " (it ignored SIGTERM for " + CHILD_GRACE.toSeconds() + "s)";
                case SURVIVED -> "could not stop leftover " + who + " even with SIGKILL";
            });
        }
        return lines;
    }
}
