package io.devlaunch.supervise;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One restart in progress: stop the set (dependents first), run the step between (e.g. removing
 * clean paths), then start the set again in dependency order, and answer once all are up (true) or
 * one did not come back (false). Advanced by the supervisor on its loop after every state change.
 */
final class RestartPlan implements Operation {
    private final Set<String> services;
    private final Runnable beforeStarting;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private StartPlan starting;      // null while it is still stopping them

    RestartPlan(Set<String> services, Runnable beforeStarting) {
        this.services = services;
        this.beforeStarting = beforeStarting;
    }

    @Override
    public String kind() {
        return "restart";
    }

    @Override
    public CompletableFuture<Boolean> result() {
        return result;
    }

    @Override
    public Set<String> dueToStart() {
        return starting != null ? starting.dueToStart() : Set.of();
    }

    @Override
    public void started(String name) {
        if (starting != null) starting.started(name);
    }

    /** Stops what may stop now; once everything is down runs the step between and turns to starting. */
    @Override
    public boolean advance(Map<String, ServiceRunner> runners, List<String> startOrder) {
        if (starting == null) {
            if (!StopPlan.stopInOrder(services, runners, ServiceRunner::stopForRestart)) return false;
            beforeStarting.run();
            starting = new StartPlan(services, startOrder, result);
            // Nothing to start (none of the names is in this run): over now, since no state change will come.
            return services.isEmpty() && starting.advance(runners, startOrder);
        }
        return starting.advance(runners, startOrder);
    }
}
