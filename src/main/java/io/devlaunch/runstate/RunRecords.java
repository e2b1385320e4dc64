package io.devlaunch.runstate;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.supervise.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisor's record ({@code supervisor.json}: PID, start time, project) and its children's
 * ({@code services.json}: PID, start time, state per service), rewritten as they change so
 * {@code clean} and {@code status} can act on them even after the supervisor was SIGKILLed.
 */
public final class RunRecords {
    private final StateFolder folder;
    private boolean cleared;      // after the run: a late state change must not write the services back

    public RunRecords(StateFolder folder) {
        this.folder = folder;
    }

    public void writeSupervisor(Manifest m, ProcessIdentity self) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put("pid", self.pid());
        rec.put("startedAt", self.startMillis());
        rec.put("project", m.project());
        rec.put("manifest", m.file().toString());
        write(folder.supervisorRecord(), rec);
    }

    /** The recorded supervisor, if there is a record (alive or not). */
    public Optional<ProcessIdentity> readSupervisor() {
        try {
            if (!Files.exists(folder.supervisorRecord())) return Optional.empty();
            var c = Json.parse(Files.readString(folder.supervisorRecord()));
            return Optional.of(new ProcessIdentity(c.getLong("pid"), c.getLong("startedAt")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();      // unreadable = no usable record
        }
    }

    public synchronized void writeServices(List<ServiceStatus> services) {
        if (cleared) return;
        List<Object> list = new ArrayList<>();
        for (ServiceStatus s : services) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("name", s.name());
            rec.put("state", s.state().label());
            rec.put("pid", s.pid() > 0 ? s.pid() : null);
            rec.put("startedAt", s.startedAt() == null ? null : s.startedAt().toEpochMilli());
            rec.put("ports", s.ports());
            rec.put("restarts", s.restarts());
            rec.put("lastExit", s.lastExit());
            list.add(rec);
        }
        write(folder.servicesRecord(), Map.of("services", list));
    }

    /** Children recorded as started, whether or not they still run. */
    public List<ProcessIdentity> readChildren() {
        List<ProcessIdentity> out = new ArrayList<>();
        try {
            if (!Files.exists(folder.servicesRecord())) return out;
            for (var c : Json.parse(Files.readString(folder.servicesRecord())).getConfigList("services")) {
                if (c.hasPath("pid") && c.hasPath("startedAt")) out.add(new ProcessIdentity(c.getLong("pid"), c.getLong("startedAt")));
            }
        } catch (IOException | RuntimeException e) {
            // unreadable records: nothing we can trust in them
        }
        return out;
    }

    /** Each recorded service: name → its record (state, pid, startedAt, restarts, lastExit). */
    public Map<String, com.typesafe.config.Config> readServices() {
        Map<String, com.typesafe.config.Config> out = new LinkedHashMap<>();
        try {
            if (!Files.exists(folder.servicesRecord())) return out;
            for (var c : Json.parse(Files.readString(folder.servicesRecord())).getConfigList("services")) out.put(c.getString("name"), c);
        } catch (IOException | RuntimeException e) {
            // unreadable records: report nothing from them
        }
        return out;
    }

    public synchronized void clear() {
        cleared = true;
        try {
            Files.deleteIfExists(folder.supervisorRecord());
            Files.deleteIfExists(folder.servicesRecord());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(java.nio.file.Path file, Map<String, ?> content) {
        try {
            folder.writeAtomically(file, Json.renderPretty(content) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
