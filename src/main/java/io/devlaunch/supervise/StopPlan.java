package io.devlaunch.supervise;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code devlaunch stop NAME…}: stops the named services, dependents among them first; what
 * depends on them keeps running. True once all of them have stopped (or ended by themselves).
 */
final class StopPlan implements Operation {
    private final Set<String> services;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();

    StopPlan(Set<String> services) {
        this.services = services;
    }

    @Override
    public String kind() {
        return "stop";
    }

    @Override
    public CompletableFuture<Boolean> result() {
        return result;
    }

    @Override
    public Set<String> dueToStart() {
        return Set.of();
    }

    @Override
    public void started(String name) {
        // starts nothing
    }

    @Override
    public boolean advance(Map<String, ServiceRunner> runners, List<String> startOrder) {
        if (!stopInOrder(services, runners, ServiceRunner::stopOnRequest)) return false;
        result.complete(true);
        return true;
    }

    /**
     * Stops each of {@code services} whose dependents among them are down (pending and backoff ones
     * at once); called again after every change, it asks each service once.
     *
     * @return true once every one of them has settled
     */
    static boolean stopInOrder(Set<String> services, Map<String, ServiceRunner> runners, Consumer<ServiceRunner> stop) {
        for (String name : services) {
            ServiceRunner s = runners.get(name);
            boolean dependentsDown = runners.values().stream()
                    .filter(o -> services.contains(o.spec().name()) && o.spec().dependsOn().contains(name))
                    .noneMatch(o -> o.state().hasProcess());
            if (s.state().hasProcess() && s.state() != ServiceState.STOPPING && dependentsDown) stop.accept(s);
            else if (s.state() == ServiceState.PENDING || s.state() == ServiceState.BACKOFF) stop.accept(s);
        }
        return services.stream().allMatch(n -> runners.get(n).state().isSettled());
    }
}
