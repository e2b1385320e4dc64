package io.devlaunch.supervise;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whose turn it is, in dependency order: which services may start now (what they depend on is up)
 * and, when the supervisor stops, which may stop (what depends on them is down). On the loop.
 */
final class Turns {
    private final Map<String, ServiceRunner> runners;
    private final Operations ops;

    Turns(Map<String, ServiceRunner> runners, Operations ops) {
        this.runners = runners;
        this.ops = ops;
    }

    /** Starts each pending service (or one an operation wants started) whose dependencies are up; gives up on one whose dependency will not be. */
    void startReady() {
        Set<String> restarting = ops.dueToStart();
        for (ServiceRunner r : runners.values()) {
            boolean restartDue = restarting.contains(r.spec().name());
            if (r.state() != ServiceState.PENDING && !restartDue) continue;
            if (restartDue && !r.state().isSettled()) {
                // Still stopping: its turn comes once it has stopped. Back on its way up by itself: watched, not started twice.
                if (r.state() != ServiceState.STOPPING) ops.started(r.spec().name());
                continue;
            }
            List<String> blockers = new ArrayList<>();
            boolean ready = true;
            for (String dep : r.spec().dependsOn()) {
                ServiceRunner d = runners.get(dep);
                if (restarting.contains(dep)) ready = false;      // on its way up in this operation
                else if (d.state() == ServiceState.FAILED || d.state() == ServiceState.STOPPED
                        || (d.state() == ServiceState.EXITED && !d.status().exitedCleanly())) {
                    blockers.add(dep);
                }
                ready &= d.status().satisfiesDependents();
            }
            if (!blockers.isEmpty()) {
                String why = "not started: it depends on " + String.join(", ", blockers) + ", which "
                        + (blockers.size() == 1 ? "is " : "are ") + "not running";
                if (restartDue) {
                    ops.started(r.spec().name());
                    r.restartAbandoned(why);
                } else {
                    r.abandon(why);
                }
            } else if (ready) {
                if (restartDue) ops.started(r.spec().name());
                r.start();
            }
        }
    }

    /** Stops each running service whose dependents have all stopped. */
    void stopReady() {
        for (ServiceRunner r : runners.values()) {
            if (!r.state().hasProcess() || r.state() == ServiceState.STOPPING) continue;
            boolean dependentsDown = runners.values().stream()
                    .filter(o -> o.spec().dependsOn().contains(r.spec().name()))
                    .noneMatch(o -> o.state().hasProcess());
            if (dependentsDown) r.stop();
        }
    }
}
