package io.devlaunch.commands;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.ServiceRecord;
import io.devlaunch.runstate.StateFolder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This project's running stack, by PID: the supervisor, each service's recorded process (PID
 * *and* start time) with everything below it, and whatever else the supervisor started. A string
 * command's shell runs the real server as its child, so the process holding a service's port is
 * often not the recorded one but a descendant of it; {@code check} must not call it a stranger.
 */
final class RunningStack {
    /** Who in the stack a process is: {@code service} is empty for the supervisor and its strays. */
    record Member(Optional<String> service, long pid, boolean supervisor) {}

    private final Map<Long, Member> byPid;

    private RunningStack(Map<Long, Member> byPid) {
        this.byPid = byPid;
    }

    static RunningStack none() {
        return new RunningStack(Map.of());
    }

    static RunningStack of(Manifest manifest, ProcessTree tree) {
        RunRecords records = new RunRecords(StateFolder.of(manifest));
        RecordedSupervisor sup = RecordedSupervisor.read(records);
        if (!sup.running()) return none();
        Map<Long, Member> out = new HashMap<>();
        long supervisor = sup.pid();
        // Orphaned grandchildren (a daemon that left its service's group) are re-parented to the supervisor, a subreaper.
        ProcessHandle.of(supervisor).ifPresent(h -> h.descendants()
                .forEach(d -> out.put(d.pid(), new Member(Optional.empty(), d.pid(), false))));
        for (ServiceRecord r : records.readServices().values()) {
            if (r.pid() == null || r.startedAt() == null) continue;
            if (new ProcessIdentity(r.pid(), r.startedAt()).live().isEmpty()) continue;     // a PID since reused is not ours
            // The service leads its own process group: members that left the parent chain still count.
            for (long pid : tree.live(r.pid(), true)) out.put(pid, new Member(Optional.of(r.name()), pid, false));
        }
        out.put(supervisor, new Member(Optional.empty(), supervisor, true));
        return new RunningStack(out);
    }

    Optional<Member> member(long pid) {
        return Optional.ofNullable(byPid.get(pid));
    }
}
