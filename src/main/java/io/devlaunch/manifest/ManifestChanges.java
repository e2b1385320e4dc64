package io.devlaunch.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an edited {@code launcher.conf} changes for a running stack, service by service: which
 * changes a restart can apply in place (the process is started again anyway, so its command,
 * environment, health check, stop and restart settings can simply be the new ones), and which need
 * a new supervisor because it set them up once for the whole run — ports and the proxy it holds,
 * the start order depends-on gives, the file watchers, the dashboard and log settings, and which
 * services exist at all.
 *
 * @param applicable services in the run whose only changes apply in place: the new definitions
 * @param changed    for each of those, the manifest keys that changed (for "web: command, env changed")
 * @param needsNewRun one sentence per change a restart cannot apply, each saying what to run
 */
public record ManifestChanges(Map<String, ServiceSpec> applicable, Map<String, List<String>> changed, List<String> needsNewRun) {
    public static final String NEW_RUN = "`devlaunch down && devlaunch up`";

    /** A field of a service definition, as the manifest names it, and whether a restart can apply a change to it. */
    private record Field(String key, Function<ServiceSpec, Object> value, boolean inPlace) {}

    private static final List<Field> FIELDS = List.of(
            new Field("command", ServiceSpec::command, true),
            new Field("dir", ServiceSpec::dir, true),
            new Field("env", ServiceSpec::env, true),
            new Field("env-file", ServiceSpec::envFiles, true),
            new Field("health", ServiceSpec::health, true),
            new Field("before-start", ServiceSpec::beforeStart, true),
            new Field("restart", ServiceSpec::restart, true),
            new Field("max-restarts", ServiceSpec::maxRestarts, true),
            new Field("restart-window", ServiceSpec::restartWindow, true),
            new Field("stop-signal", ServiceSpec::stopSignal, true),
            new Field("stop-timeout", ServiceSpec::stopTimeout, true),
            new Field("clean", ServiceSpec::clean, true),
            new Field("image", ServiceSpec::image, true),          // read by export only: nothing to apply
            new Field("interactive", ServiceSpec::interactive, true),  // the next instance starts on a terminal, or not
            new Field("port", ServiceSpec::ports, false),          // held or checked by the supervisor from the start
            new Field("proxy", ServiceSpec::proxy, false),         // the proxy holds the public port for the whole run
            new Field("depends-on", ServiceSpec::dependsOn, false), // the start order is fixed when the run begins
            new Field("watch", ServiceSpec::watch, false));        // the watchers are set up once

    /**
     * @param running the manifest the supervisor runs, with each service's definition as it runs now
     * @param inRun   the services of this run ({@code up web} runs web and what it needs)
     * @param edited  the manifest as the file reads now
     */
    public static ManifestChanges between(Manifest running, Iterable<String> inRun, Manifest edited) {
        Map<String, ServiceSpec> applicable = new LinkedHashMap<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        List<String> needsNewRun = new ArrayList<>();
        for (String name : inRun) {
            ServiceSpec now = running.services().get(name);
            ServiceSpec next = edited.services().get(name);
            if (next == null) {
                needsNewRun.add(name + " was removed from " + edited.file().getFileName() + " but still runs; " + NEW_RUN
                        + " leaves it out");
                continue;
            }
            List<String> inPlace = new ArrayList<>();
            List<String> notInPlace = new ArrayList<>();
            for (Field f : FIELDS) {
                if (!Objects.equals(f.value().apply(now), f.value().apply(next))) (f.inPlace() ? inPlace : notInPlace).add(f.key());
            }
            if (!notInPlace.isEmpty()) {
                // Half a change would run a definition that is in no file: the service keeps the one it runs.
                needsNewRun.add(name + ": " + String.join(", ", notInPlace) + " changed, which a running supervisor cannot apply; "
                        + name + " keeps its running definition until " + NEW_RUN
                        + (inPlace.isEmpty() ? "" : " (which also applies its " + String.join(", ", inPlace) + " change)"));
            } else if (!inPlace.isEmpty()) {
                applicable.put(name, next);
                changed.put(name, inPlace);
            }
        }
        for (String name : edited.services().keySet()) {
            if (!running.services().containsKey(name)) {
                needsNewRun.add(name + " was added to " + edited.file().getFileName() + "; a running supervisor cannot add a service: "
                        + NEW_RUN + " starts it");
            }
        }
        List<String> top = new ArrayList<>();
        if (!running.project().equals(edited.project())) top.add("project");
        if (running.killStale() != edited.killStale()) top.add("kill-stale");
        if (!running.dashboard().equals(edited.dashboard())) top.add("dashboard");
        if (!running.logs().equals(edited.logs())) top.add("logs");
        if (!top.isEmpty()) {
            needsNewRun.add(String.join(", ", top) + " changed, which the supervisor set up when it started; " + NEW_RUN + " applies "
                    + (top.size() == 1 ? "it" : "them"));
        }
        return new ManifestChanges(applicable, changed, needsNewRun);
    }
}
