package io.devlaunch.runstate;

import io.devlaunch.json.Json;
import com.typesafe.config.Config;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.supervise.ServiceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The supervisor's record ({@code supervisor.json}: PID, start time, project) and its children's
 * ({@code services.json}: one {@link ServiceRecord} per service), rewritten as they change so
 * {@code clean} and {@code status} can act on them even after the supervisor was SIGKILLed.
 * A record that cannot be read is not silently "no record": {@link #unreadable()} says which and why.
 */
public final class RunRecords {
    private static final String PID = "pid";
    private static final String STARTED_AT = "startedAt";
    private static final String SERVICES = "services";
    private static final String WATCHING = "watching";
    private static final String WATCHDOG = "watchdog";

    private final StateFolder folder;
    private final Set<String> unreadable = new LinkedHashSet<>();
    private boolean cleared;      // after the run: a late state change must not write the services back

    public RunRecords(StateFolder folder) {
        this.folder = folder;
    }

    /** @param watching whether this run restarts services when their watched files change (no {@code --no-watch}) */
    public void writeSupervisor(Manifest m, ProcessIdentity self, boolean watching) {
        writeSupervisor(m, self, watching, null);
    }

    /** @param watchdog the process that stops the services if this supervisor is killed; null when none runs */
    public void writeSupervisor(Manifest m, ProcessIdentity self, boolean watching, ProcessIdentity watchdog) {
        Map<String, Object> rec = new LinkedHashMap<>();
        rec.put(PID, self.pid());
        rec.put(STARTED_AT, self.startMillis());
        rec.put("project", m.project());
        rec.put("manifest", m.file().toString());
        rec.put(WATCHING, watching);
        if (watchdog != null) rec.put(WATCHDOG, Map.of(PID, watchdog.pid(), STARTED_AT, watchdog.startMillis()));
        write(folder.supervisorRecord(), rec);
    }

    /** The recorded supervisor's watchdog, alive or not; empty when it had none (or an older record). */
    public Optional<ProcessIdentity> readWatchdog() {
        return read(folder.supervisorRecord()).filter(c -> c.hasPath(WATCHDOG))
                .map(c -> new ProcessIdentity(c.getLong(WATCHDOG + "." + PID), c.getLong(WATCHDOG + "." + STARTED_AT)));
    }

    /** The recorded supervisor, alive or not; see {@link RecordedSupervisor} for whether it runs. */
    public Optional<ProcessIdentity> readSupervisor() {
        return read(folder.supervisorRecord()).map(c -> new ProcessIdentity(c.getLong(PID), c.getLong(STARTED_AT)));
    }

    /** Whether the recorded run watches files (older records, without the field: it does). */
    public boolean supervisorWatches() {
        return read(folder.supervisorRecord()).map(c -> !c.hasPath(WATCHING) || c.getBoolean(WATCHING)).orElse(false);
    }

    /** @param reasons why a service is not up, by name, for those that have one (see {@link ServiceRecord#reason()}) */
    public synchronized void writeServices(List<ServiceStatus> services, Map<String, String> reasons) {
        if (cleared) return;
        List<Object> list = new ArrayList<>();
        for (ServiceStatus s : services) list.add(ServiceRecord.of(s, reasons.get(s.name())).toMap());
        write(folder.servicesRecord(), Map.of(SERVICES, list));
    }

    /** Children recorded as started, whether or not they still run. */
    public List<ProcessIdentity> readChildren() {
        List<ProcessIdentity> out = new ArrayList<>();
        read(folder.servicesRecord()).ifPresent(c -> {
            try {
                for (Config s : c.getConfigList(SERVICES)) ServiceRecord.processOf(s).ifPresent(out::add);
            } catch (RuntimeException e) {
                unreadable(folder.servicesRecord(), e);
            }
        });
        return out;
    }

    /** Each recorded service by name. */
    public Map<String, ServiceRecord> readServices() {
        Map<String, ServiceRecord> out = new LinkedHashMap<>();
        read(folder.servicesRecord()).ifPresent(c -> {
            try {
                for (Config s : c.getConfigList(SERVICES)) {
                    ServiceRecord r = ServiceRecord.from(s);
                    out.put(r.name(), r);
                }
            } catch (RuntimeException e) {
                unreadable(folder.servicesRecord(), e);
                out.clear();
            }
        });
        return out;
    }

    /** Written by a detached supervisor once its start has an outcome; see {@link StartupVerdict}. */
    public synchronized void writeStartupVerdict(StartupVerdict verdict) {
        if (cleared) return;
        write(folder.startupRecord(), verdict.toMap());
    }

    /** The detached supervisor's start-up outcome, once it has written one. */
    public Optional<StartupVerdict> readStartupVerdict() {
        if (!Files.exists(folder.startupRecord())) return Optional.empty();
        try {
            return Optional.of(StartupVerdict.from(Json.parse(Files.readString(folder.startupRecord()))));
        } catch (IOException | RuntimeException e) {
            // written atomically: only a foreign edit gets here; the process's end still tells
            return Optional.empty();
        }
    }

    /** An earlier run's start-up outcome must not be read as this one's. */
    public void forgetStartupVerdict() throws IOException {
        Files.deleteIfExists(folder.startupRecord());
    }

    /**
     * One line per record that exists but could not be read, since this object was made: what the
     * user loses (leftovers it lists cannot be found) and what to do. Empty when all were fine.
     */
    public List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /** The run is over: both records go, and a state change arriving late does not write them back. */
    public synchronized void clear() {
        cleared = true;
        removeFiles();
    }

    /**
     * A previous run's records, once its leftovers are stopped. This run's own records are written
     * after this: unlike {@link #clear()} it leaves them writable (it did not, and a run that had
     * recovered a killed supervisor never wrote services.json, so a second kill left its services
     * unfindable for `clean`).
     */
    public synchronized void removePrevious() {
        removeFiles();
    }

    private void removeFiles() {
        try {
            Files.deleteIfExists(folder.supervisorRecord());
            Files.deleteIfExists(folder.servicesRecord());
            Files.deleteIfExists(folder.startupRecord());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<Config> read(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try {
            Config c = Json.parse(Files.readString(file));
            if (file.equals(folder.supervisorRecord())) {
                c.getLong(PID);
                c.getLong(STARTED_AT);
            }
            return Optional.of(c);
        } catch (IOException | RuntimeException e) {
            unreadable(file, e);
            return Optional.empty();
        }
    }

    private void unreadable(Path file, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (why.length() > 120) why = why.substring(0, 120) + "…";
        unreadable.add("cannot read " + folder.dir().getFileName().resolve(file.getFileName()) + " (" + why
                + "): processes it lists cannot be found from it; the configured ports are still freed, and "
                + "`devlaunch clean` removes the file");
    }

    private void write(Path file, Map<String, ?> content) {
        try {
            folder.writeAtomically(file, Json.renderPretty(content) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
