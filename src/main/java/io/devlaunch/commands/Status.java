package io.devlaunch.commands;

import io.devlaunch.health.ProbeResult;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.ServiceRecord;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.HealthDiagnosis;
import io.devlaunch.supervise.HealthNow;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code devlaunch status}: each service's state as the running supervisor recorded it, and its
 * health probed now. With no supervisor it still tells the truth: who holds each port, whether
 * each health endpoint answers.
 */
public final class Status {

    private final Manifest manifest;

    public Status(Manifest manifest) {
        this.manifest = manifest;
    }

    public StatusReport take() {
        RunRecords records = new RunRecords(StateFolder.of(manifest));
        RecordedSupervisor sup = RecordedSupervisor.read(records);
        boolean running = sup.running();
        Map<String, ServiceRecord> recorded = running ? records.readServices() : Map.of();
        boolean watches = running && records.supervisorWatches();
        PortOwners owners = PortOwners.forThisOs();
        List<StatusReport.Row> rows = new ArrayList<>();
        for (ServiceSpec s : manifest.services().values()) {
            ServiceRecord r = recorded.get(s.name());
            Optional<ProbeResult> probe = probe(s, r, running);
            ServiceState state = null;       // null: no supervisor runs, so no state at all ("not-running")
            Long pid = null;
            Long uptime = null;
            int restarts = 0;
            Integer exit = null;
            String signal = null;
            if (r != null) {
                state = r.state();
                pid = r.pid();
                uptime = r.startedAt() == null || pid == null ? null : System.currentTimeMillis() - r.startedAt();
                restarts = r.restarts();
                exit = r.lastExit();
                signal = r.lastSignal();
            } else {
                if (running) state = ServiceState.PENDING;
                pid = s.ports().stream().flatMap(p -> owners.holders(p).stream()).map(PortHolder::pid)
                        .flatMap(Optional::stream).findFirst().orElse(null);
            }
            String health = probe.map(ProbeResult::detail).orElse(s.health().isEmpty() ? "no health check"
                    : "log check: see state");
            boolean healthy = probe.map(ProbeResult::ready).orElse(state == ServiceState.HEALTHY);
            if (!running) healthy = false;      // without a supervisor nothing is looked after
            boolean ok = healthy && state != ServiceState.FAILED;
            String label = state == null ? "not-running" : state.label();
            rows.add(new StatusReport.Row(s.name(), label, pid, s.ports(), r == null ? List.of() : r.privatePorts(),
                    restarts, exit, signal, uptime, health, ok,
                    ok ? null : reason(s, state, r, probe, running), watches ? s.watch().entries() : List.of(),
                    List.of(), StatusReport.Row.attachCommand(s), false));
        }
        return new StatusReport(manifest.project(), sup.recorded().map(ProcessIdentity::pid).orElse(null), running,
                rows);
    }

    /**
     * The service's own health, now: never a probe of a service that has no process (a stopped
     * proxied service's port is devlaunch's proxy, which accepts), and a proxied one on its private port.
     */
    private static Optional<ProbeResult> probe(ServiceSpec s, ServiceRecord r, boolean running) {
        if (running && r != null && !r.state().hasProcess()) {
            return s.health().isEmpty() ? Optional.empty() : Optional.of(ProbeResult.notReady("not checked: "
                    + r.state().label()));
        }
        Map<Integer, Integer> privateByPublic = new java.util.HashMap<>();
        if (r != null && r.privatePorts().size() == r.ports().size()) {
            for (int i = 0; i < r.ports().size(); i++) privateByPublic.put(r.ports().get(i), r.privatePorts().get(i));
        }
        return HealthNow.probe(s, privateByPublic);
    }

    /** One line: why this service is not healthy, from the same evidence `up` uses. */
    private static String reason(ServiceSpec s, ServiceState state, ServiceRecord r, Optional<ProbeResult> probe,
                                 boolean running) {
        if (!running) {
            return s.ports().stream().flatMap(port -> PortOwners.forThisOs().holders(port).stream()).findFirst()
                    .map(h -> "not running; port " + h.port() + " is held by " + h.describe())
                    .orElse("not running; `devlaunch up` starts it");
        }
        if (state == ServiceState.FAILED) {
            // What the supervisor found when it happened: a probe now cannot know why it gave up.
            return (r != null && r.reason() != null ? r.reason() + " — " : "it failed; ") + "`devlaunch logs "
                    + s.name()
                    + "` has its output, `devlaunch restart " + s.name() + "` tries again";
        }
        if (r != null && r.reason() != null && state == ServiceState.EXITED) return r.reason();
        Long pid = r == null ? null : r.pid();
        Set<Long> tree = pid == null ? Set.of() : ProcessTree.forThisOs().live(pid, true);
        List<String> why = HealthDiagnosis.explain(s, tree, PortOwners.forThisOs());
        if (!why.isEmpty()) return why.get(0);
        return probe.map(ProbeResult::detail).orElse("state " + state.label());
    }
}
