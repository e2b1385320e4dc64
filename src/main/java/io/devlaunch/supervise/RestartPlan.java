package io.devlaunch.supervise;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One restart in progress: stop the set (dependents first), run the step between (e.g. removing
 * clean paths), then start the set again in dependency order, and answer once all are up (true) or
 * one did not come back (false). Advanced by the supervisor on its loop after every state change.
 */
final class RestartPlan {
    private final Set<String> services;
    private final Runnable beforeStarting;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private final Set<String> toStart = new LinkedHashSet<>();
    private boolean starting;

    RestartPlan(Set<String> services, Runnable beforeStarting) {
        this.services = services;
        this.beforeStarting = beforeStarting;
    }

    CompletableFuture<Boolean> result() {
        return result;
    }

    /** The services this restart will start once their dependencies allow; empty while it is still stopping them. */
    Set<String> dueToStart() {
        return starting ? toStart : Set.of();
    }

    /** The supervisor started {@code name} (or gave up on it): it is no longer due. */
    void started(String name) {
        toStart.remove(name);
    }

    /**
     * Stops what may stop now; once everything is down runs the step between and turns to starting.
     *
     * @return true when the restart is over and {@link #result()} is complete
     */
    boolean advance(Map<String, ServiceRunner> runners, List<String> startOrder) {
        if (!starting) {
            for (String name : services) {
                ServiceRunner s = runners.get(name);
                boolean dependentsDown = runners.values().stream()
                        .filter(o -> services.contains(o.spec().name()) && o.spec().dependsOn().contains(name))
                        .noneMatch(o -> o.state().hasProcess());
                if (s.state().hasProcess() && s.state() != ServiceState.STOPPING && dependentsDown) s.stopForRestart();
                else if (s.state() == ServiceState.PENDING || s.state() == ServiceState.BACKOFF) s.stopForRestart();
            }
            if (services.stream().allMatch(n -> runners.get(n).state().isSettled())) {
                starting = true;
                beforeStarting.run();
                toStart.addAll(startOrder.stream().filter(services::contains).toList());
            }
            return false;
        }
        // A service still waiting its turn (its dependency is on the way up) is not a failure yet, even if it was FAILED.
        boolean failed = services.stream().anyMatch(n -> !toStart.contains(n) && (runners.get(n).state() == ServiceState.FAILED
                || runners.get(n).state() == ServiceState.STOPPED));
        boolean up = toStart.isEmpty() && services.stream().allMatch(n -> runners.get(n).status().satisfiesDependents());
        if (failed || up) result.complete(!failed);
        return failed || up;
    }

    /** Cut short (the supervisor is stopping): fails with the reason, since "false" would mean a service did not come back. */
    void abort(String why) {
        result.completeExceptionally(new IllegalStateException(why));
    }
}
