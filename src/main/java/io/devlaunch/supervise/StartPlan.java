package io.devlaunch.supervise;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a set of ended services in dependency order (before-start included), each once its
 * dependencies are up — {@code devlaunch start NAME…}, and the second half of a restart. True once
 * all are healthy, false as soon as one failed or could not be started.
 */
final class StartPlan implements Operation {
    private final Set<String> services;
    private final Set<String> toStart = new LinkedHashSet<>();
    private final CompletableFuture<Boolean> result;

    /** @param result completed when it is over (a restart hands in its own) */
    StartPlan(Set<String> services, List<String> startOrder, CompletableFuture<Boolean> result) {
        this(services, Set.of(), startOrder, result);
    }

    /**
     * @param toStart the services to start, each once its dependencies are up (or, still stopping, once it has stopped)
     * @param watched services already on their way up: waited for until healthy or failed, not started
     */
    StartPlan(Set<String> toStart, Set<String> watched, List<String> startOrder, CompletableFuture<Boolean> result) {
        this.services = new LinkedHashSet<>(toStart);
        this.services.addAll(watched);
        this.result = result;
        this.toStart.addAll(startOrder.stream().filter(toStart::contains).toList());
    }

    @Override
    public String kind() {
        return "start";
    }

    @Override
    public CompletableFuture<Boolean> result() {
        return result;
    }

    @Override
    public Set<String> dueToStart() {
        return toStart;
    }

    @Override
    public void started(String name) {
        toStart.remove(name);
    }

    @Override
    public boolean advance(Map<String, ServiceRunner> runners, List<String> startOrder) {
        // A service still waiting its turn (its dependency is on the way up) is not a failure yet, even if it was FAILED.
        // Ended and no use to its dependents: failed, stopped (given up on), or exited non-zero with no restart due.
        boolean failed = services.stream().anyMatch(n -> !toStart.contains(n) && runners.get(n).state().isSettled()
                && !runners.get(n).status().satisfiesDependents());
        boolean up = toStart.isEmpty() && services.stream().allMatch(n -> runners.get(n).status().satisfiesDependents());
        if (failed || up) result.complete(!failed);
        return failed || up;
    }
}
