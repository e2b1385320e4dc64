package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restart in progress: stop the set (dependents first), run the step between (e.g. removing
 * clean paths), then start the set again in dependency order, and answer once all are up (true) or
 * one did not come back (false). Services given a new definition (launcher.conf was edited) take
 * it while they are down, so they start again as the file now says. Advanced by the supervisor on its loop after every state change.
 */
final class RestartPlan implements Operation {
    private static final Logger LOG = LoggerFactory.getLogger(RestartPlan.class);

    private final Set<String> services;
    private final Runnable beforeStarting;
    private final Map<String, ServiceSpec> definitions;
    private final Runnable wake;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private CompletableFuture<Void> between;      // the step between, once everything is down
    private StartPlan starting;      // null while it is still stopping them (or the step between runs)

    /**
     * @param definitions new definitions for some of the services (none to keep what they run)
     * @param wake asks the supervisor to advance it again, on its loop: called once the step between is over
     */
    RestartPlan(Set<String> services, Runnable beforeStarting, Map<String, ServiceSpec> definitions, Runnable wake) {
        this.services = services;
        this.beforeStarting = beforeStarting;
        this.definitions = Map.copyOf(definitions);
        this.wake = wake;
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
            if (between == null) between = runBetween();
            if (!between.isDone()) return false;
            // All of them are down now (and, a stop that cut this short aside, none starts before this).
            for (String n : services) {
                if (definitions.containsKey(n)) runners.get(n).useSpec(definitions.get(n));
            }
            starting = new StartPlan(services, startOrder, result);
            // Nothing to start (none of the names is in this run): over now, since no state change will come.
            return services.isEmpty() && starting.advance(runners, startOrder);
        }
        return starting.advance(runners, startOrder);
    }

    /**
     * The step between (deleting node_modules or a dev database may take seconds) on a thread of
     * its own, never on the loop: every other service's state, health and the dashboard go on
     * meanwhile. Its own errors it says itself; one it throws is logged, and the services start anyway.
     */
    private CompletableFuture<Void> runBetween() {
        CompletableFuture<Void> over = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                beforeStarting.run();
            } catch (RuntimeException | Error e) {
                LOG.error("internal error in devlaunch (please report it): {}", e.toString(), e);
            } finally {
                over.complete(null);
                wake.run();
            }
        }, "devlaunch-restart-step");
        t.setDaemon(true);
        t.start();
        return over;
    }
}
