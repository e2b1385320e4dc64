package io.devlaunch.web;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code status --json}'s rows from inside the running supervisor (the dashboard's
 * {@code /api/status} and its events): the same {@link StatusReport.Row}s and renderer, filled from the
 * supervisor's memory — the state, and the last transition's detail as health and reason —
 * instead of the records on disk, so no probe runs per request.
 */
public final class LiveStatus implements StatusRenderer {
    private static final Set<ServiceState> EXPLAINED = Set.of(ServiceState.UNHEALTHY, ServiceState.FAILED,
            ServiceState.BACKOFF);

    private final Manifest manifest;
    private final long supervisorPid;
    private final boolean watching;
    private final java.util.function.Predicate<String> waiting;

    /** @param waiting whether an interactive service sits at a prompt now */
    public LiveStatus(Manifest manifest, long supervisorPid, boolean watching, java.util.function.Predicate<String> waiting) {
        this.manifest = manifest;
        this.supervisorPid = supervisorPid;
        this.watching = watching;
        this.waiting = waiting;
    }

    @Override
    public String status(List<ServiceStatus> services, Map<String, StateChange> lastChanges) {
        List<StatusReport.Row> rows = new ArrayList<>();
        for (ServiceStatus s : services) rows.add(row(s, lastChanges.get(s.name()), System.currentTimeMillis()));
        return asData(StatusReport.json(new StatusReport(manifest.project(), supervisorPid, true, rows)));
    }

    @Override
    public String row(ServiceStatus service, StateChange lastChange) {
        return asData(StatusReport.json(row(service, lastChange, System.currentTimeMillis())));
    }

    private StatusReport.Row row(ServiceStatus s, StateChange last, long now) {
        ServiceSpec spec = manifest.service(s.name());
        Long pid = s.pid() < 0 ? null : s.pid();
        Long uptime = pid == null || s.startedAt() == null ? null : now - s.startedAt().toEpochMilli();
        List<Integer> privatePorts = spec.ports().stream().map(p
                -> s.privatePorts().get(p)).filter(Objects::nonNull).toList();
        String detail = last != null && last.to() == s.state() ? last.detail() : null;
        String health = spec.health().isEmpty() ? "no health check"
                : (s.state() == ServiceState.HEALTHY || s.state() == ServiceState.UNHEALTHY) && detail != null ? detail
                : "not checked: " + s.state().label();
        boolean explained = EXPLAINED.contains(s.state())
                || (s.state() == ServiceState.EXITED && s.lastExit() != null && !s.lastExit().succeeded());
        String reason = explained ? (detail != null ? detail : "state " + s.state().label()) : null;
        List<String> lines = explained && last != null && last.to() == s.state() ? last.lastLines() : List.of();
        boolean healthy = s.state() == ServiceState.HEALTHY;
        return new StatusReport.Row(s.name(), s.state().label(), pid, spec.ports(), privatePorts, s.restarts(),
                s.lastExit() == null ? null : s.lastExit().codeOrNull(), s.lastExit() == null ? null
                        : s.lastExit().signalName(), uptime,
                health, healthy, reason, watching ? spec.watch().entries() : List.of(), lines,
                StatusReport.Row.attachCommand(spec), spec.interactive() && waiting.test(s.name()));
    }

    /**
     * A child's {@code </script>} stays data even if the JSON lands in HTML: {@code <>&} as escapes (they occur only in
     * strings).
     */
    private static String asData(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
                .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
    }
}
