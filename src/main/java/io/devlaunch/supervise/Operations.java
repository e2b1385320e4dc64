package io.devlaunch.supervise;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.manifest.Suggestions;
import io.devlaunch.output.Console;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The supervisor's bookkeeping of operations asked for from outside: the one restart, stop or
 * start in progress (a second is refused with {@link RestartBusy}), and which services were
 * stopped on request — those stay stopped, keep the run going (the user may start them again) and
 * are left out of file-watch restarts. Everything here runs on the supervisor's loop, except
 * {@link #requireInRun}, which reads only the fixed set of services.
 */
final class Operations {
    private final Manifest manifest;
    private final Map<String, ServiceRunner> runners;
    private final Console console;
    private final Runnable wake;
    private final Set<String> stoppedOnRequest = new HashSet<>();
    private Operation current;

    /** @param wake advances the operation in progress again, on the loop (after a step that ran off it) */
    Operations(Manifest manifest, Map<String, ServiceRunner> runners, Console console, Runnable wake) {
        this.manifest = manifest;
        this.runners = runners;
        this.console = console;
        this.wake = wake;
    }

    /** @throws IllegalArgumentException naming a service this run does not have, with the nearest one it has */
    void requireInRun(List<String> names) {
        for (String n : names) {
            if (runners.containsKey(n)) continue;
            String which = manifest.services().containsKey(n) ? n + " is not part of this run"
                    : "no service '" + n + "' in " + manifest.file().getFileName() + Suggestions.hint(n, runners.keySet(), "");
            throw new IllegalArgumentException(which + "; this run has " + String.join(", ", runners.keySet()));
        }
    }

    /** @throws RestartBusy (here and in {@link #stop}, {@link #start}) when another operation is in progress */
    CompletableFuture<Boolean> restart(List<String> services, boolean withDependents, Runnable beforeStarting,
                                       Map<String, ServiceSpec> definitions) {
        Set<String> set = new LinkedHashSet<>();
        for (String s : services.isEmpty() ? runners.keySet() : services) {
            set.add(s);
            if (withDependents) set.addAll(manifest.dependentsOf(s));
        }
        set.retainAll(runners.keySet());
        return begin(new RestartPlan(set, beforeStarting, definitions, wake));
    }

    /**
     * Only a service that was running (or waiting to) is held stopped: one that had already ended
     * (a one-shot that exited) must not keep the run open, and the reply says so.
     */
    CompletableFuture<Boolean> stop(List<String> services) {
        CompletableFuture<Boolean> result = begin(new StopPlan(new LinkedHashSet<>(services)));
        for (String n : services) {
            ServiceState state = runners.get(n).state();
            if (state.hasProcess() || state == ServiceState.PENDING || state == ServiceState.BACKOFF) stoppedOnRequest.add(n);
            else if (!stoppedOnRequest.contains(n)) console.say(n + " has already " + endedAs(state));
        }
        return result;
    }

    private static String endedAs(ServiceState state) {
        return switch (state) {
            case FAILED -> "failed";
            case STOPPED -> "stopped";
            default -> "exited";
        };
    }

    /**
     * Starts the named services that have ended, and what they need that is not up (a one-shot
     * that exited 0 is not run again), then waits until all named ones are healthy: one on its way
     * up (starting, backoff, unhealthy) is watched, not started twice; one still stopping is
     * started once it has stopped (see {@link Turns#startReady}).
     */
    CompletableFuture<Boolean> start(List<String> services) {
        Set<String> watched = new LinkedHashSet<>();
        Set<String> set = new LinkedHashSet<>();
        for (String n : manifest.withDependencies(services)) {
            ServiceRunner r = runners.get(n);
            if (r == null) continue;
            boolean settled = r.state().isSettled();
            if ((settled || r.state() == ServiceState.STOPPING) && (services.contains(n) || !r.status().satisfiesDependents())) {
                set.add(n);
            } else if (services.contains(n)) {
                watched.add(n);
            }
        }
        return begin(new StartPlan(set, watched, manifest.startOrder(), new CompletableFuture<>()));
    }

    private CompletableFuture<Boolean> begin(Operation op) {
        if (current != null) throw new RestartBusy(current.kind());
        current = op;
        return op.result();
    }

    boolean busy() {
        return current != null;
    }

    /** What the operation in progress wants started now. */
    Set<String> dueToStart() {
        return current != null ? current.dueToStart() : Set.of();
    }

    void started(String name) {
        if (current != null) current.started(name);
    }

    void advance(List<String> startOrder) {
        if (current != null && current.advance(runners, startOrder)) current = null;
    }

    void abort(String why) {
        if (current == null) return;
        current.abort(why);
        current = null;
    }

    /** Each transition: a service started again (by start, restart or a dependency's turn) is no longer held stopped. */
    void follow(StateChange c) {
        if (c.to() == ServiceState.STARTING && c.from() != ServiceState.STARTING) stoppedOnRequest.remove(c.service());
    }

    boolean stoppedOnRequest(String service) {
        return stoppedOnRequest.contains(service);
    }

    /** The run does not end by itself while an operation is under way or a service waits stopped on request. */
    boolean holdTheRun() {
        return current != null || !stoppedOnRequest.isEmpty();
    }
}
