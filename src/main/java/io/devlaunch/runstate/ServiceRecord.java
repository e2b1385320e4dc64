package io.devlaunch.runstate;

import com.typesafe.config.Config;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service as {@code services.json} records it. The record's shape — its field names and
 * types — is defined here and nowhere else: the supervisor writes it, {@code status},
 * {@code up --detach} and {@code clean} read it.
 *
 * @param pid       null while no process runs
 * @param startedAt epoch millis of the process's start, null with no process
 * @param privatePorts a proxied service's private port for each of {@code ports}, in order; empty when not proxied
 * @param lastExit  the exit code of the last run that ended by itself, null when none did or it was signalled
 * @param lastSignal the signal that killed that run ({@code SIGKILL}), null unless the OS reported it signalled
 * @param reason    why it is not up, as the supervisor said it when it happened (a health finding, an
 *                  exit); null while nothing needs explaining. {@code status} has no other way to know.
 */
public record ServiceRecord(String name, ServiceState state, Long pid, Long startedAt, List<Integer> ports,
                            List<Integer> privatePorts, int restarts, Integer lastExit, String lastSignal, String reason) {
    private static final String NAME = "name";
    private static final String STATE = "state";
    private static final String PID = "pid";
    private static final String STARTED_AT = "startedAt";
    private static final String PORTS = "ports";
    private static final String PRIVATE_PORTS = "privatePorts";
    private static final String RESTARTS = "restarts";
    private static final String LAST_EXIT = "lastExit";
    private static final String LAST_SIGNAL = "lastSignal";
    private static final String REASON = "reason";

    public static ServiceRecord of(ServiceStatus s) {
        return of(s, null);
    }

    public static ServiceRecord of(ServiceStatus s, String reason) {
        List<Integer> privatePorts = s.privatePorts().isEmpty() ? List.of() : s.ports().stream().map(s.privatePorts()::get).toList();
        return new ServiceRecord(s.name(), s.state(), s.pid() > 0 ? s.pid() : null,
                s.startedAt() == null ? null : s.startedAt().toEpochMilli(), s.ports(), privatePorts, s.restarts(),
                s.lastExit() == null ? null : s.lastExit().codeOrNull(), s.lastExit() == null ? null : s.lastExit().signalName(), reason);
    }

    /** True once the service is up: healthy, or a one-shot task that exited 0. */
    public boolean isUp() {
        return state == ServiceState.HEALTHY || finishedItsTask();
    }

    /**
     * A one-shot task (no port) that exited 0. A service that owns a port is a server: its exit,
     * whatever the code, means it is not serving — Create React App exits 0 after "Something is
     * already running on port 3000".
     */
    public boolean finishedItsTask() {
        return state == ServiceState.EXITED && Integer.valueOf(0).equals(lastExit) && ports.isEmpty();
    }

    /** True when it will not come up without someone acting: failed, stopped, or exited (a server whatever its code, a task non-zero). */
    public boolean isDown() {
        return state == ServiceState.FAILED || state == ServiceState.STOPPED
                || (state == ServiceState.EXITED && !finishedItsTask());
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NAME, name);
        m.put(STATE, state.label());
        m.put(PID, pid);
        m.put(STARTED_AT, startedAt);
        m.put(PORTS, ports);
        if (!privatePorts.isEmpty()) m.put(PRIVATE_PORTS, privatePorts);
        m.put(RESTARTS, restarts);
        m.put(LAST_EXIT, lastExit);
        if (lastSignal != null) m.put(LAST_SIGNAL, lastSignal);
        if (reason != null) m.put(REASON, reason);
        return m;
    }

    static ServiceRecord from(Config c) {
        return new ServiceRecord(c.getString(NAME), ServiceState.fromLabel(c.getString(STATE)), longOrNull(c, PID),
                longOrNull(c, STARTED_AT), c.hasPath(PORTS) ? c.getIntList(PORTS) : List.of(),
                c.hasPath(PRIVATE_PORTS) ? c.getIntList(PRIVATE_PORTS) : List.of(),
                c.hasPath(RESTARTS) ? c.getInt(RESTARTS) : 0, c.hasPath(LAST_EXIT) && !c.getIsNull(LAST_EXIT) ? c.getInt(LAST_EXIT) : null,
                c.hasPath(LAST_SIGNAL) ? c.getString(LAST_SIGNAL) : null,
                c.hasPath(REASON) ? c.getString(REASON) : null);
    }

    /** Just the process of a record, read leniently: enough to find a leftover even in a record missing other fields. */
    static Optional<io.devlaunch.process.ProcessIdentity> processOf(Config c) {
        Long pid = longOrNull(c, PID);
        Long startedAt = longOrNull(c, STARTED_AT);
        return pid == null || startedAt == null ? Optional.empty()
                : Optional.of(new io.devlaunch.process.ProcessIdentity(pid, startedAt));
    }

    private static Long longOrNull(Config c, String key) {
        return c.hasPath(key) && !c.getIsNull(key) ? c.getLong(key) : null;
    }
}
