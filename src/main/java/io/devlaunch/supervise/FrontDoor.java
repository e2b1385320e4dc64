package io.devlaunch.supervise;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestChanges;
import io.devlaunch.manifest.ManifestException;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.manifest.Problem;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Console;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one way in for a restart, stop or start asked for from outside the supervisor (the control
 * socket, the dashboard): the same operation whichever front end asks — names this run does not
 * have are refused with a sentence, and a restart's {@code reset} removes the services' clean paths
 * after they stopped, before they start.
 *
 * <p>A restart re-reads {@code launcher.conf} first (here, on the asking thread: reading a file must
 * never hold up the supervisor's loop), as users expect after editing it: the restarted services
 * whose changes a restart can apply start again with their new definition, and each change it
 * cannot apply (see {@link ManifestChanges}) is said with what to run. A manifest that no longer
 * reads refuses the restart with its problems: restarting with the old definitions would ignore the
 * edit once more without a word, and the stack keeps running as it was while the user fixes it.
 * The file is read with the supervisor's environment, the one its {@code ${?VAR}}s were read with at {@code up}.
 */
public final class FrontDoor {
    public static final Duration STATUS_WAIT = Duration.ofSeconds(10);

    /** What may be asked for; {@link #word()} is how the protocol, the API and the console name it. */
    public enum Kind {
        RESTART, STOP, START;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind a front end's word names, if any. */
        public static Optional<Kind> named(String word) {
            for (Kind k : values()) if (k.word().equals(word)) return Optional.of(k);
            return Optional.empty();
        }
    }

    private final Manifest manifest;
    private final Supervisor supervisor;
    private final Console console;

    public FrontDoor(Manifest manifest, Supervisor supervisor, Console console) {
        this.manifest = manifest;
        this.supervisor = supervisor;
        this.console = console;
    }

    /**
     * Names this run does not have (`up web` runs web and what it needs): the supervisor would skip them without a
     * word.
     */
    public Optional<String> notInThisRun(List<String> services) throws InterruptedException, ExecutionException,
            TimeoutException {
        List<String> here = supervisor.status().get(STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(ServiceStatus::name).toList();
        List<String> notHere = services.stream().filter(s -> !here.contains(s)).toList();
        if (notHere.isEmpty()) return Optional.empty();
        return Optional.of(String.join(", ", notHere) + (notHere.size() == 1 ? " is" : " are")
                + " not part of this run, which has "
                + String.join(", ", here) + "; stop it and `devlaunch up` them, or name only those");
    }

    /**
     * Starts the operation: a restart as {@link #restart} says (its two flags matter to it alone),
     * a stop or start of the named services through the supervisor.
     */
    public CompletableFuture<Boolean> ask(Kind kind, List<String> services, boolean withDependents, boolean reset) {
        return switch (kind) {
            case RESTART -> restart(services, withDependents, reset);
            case STOP -> supervisor.stopServices(services);
            case START -> supervisor.startServices(services);
        };
    }

    /**
     * Starts the restart (all services when {@code services} is empty) with what launcher.conf says
     * now; see {@link Supervisor#restart}. Fails at once, nothing restarted, when the file does not read.
     */
    public CompletableFuture<Boolean> restart(List<String> services, boolean withDependents, boolean reset) {
        Manifest edited;
        try {
            edited = ManifestLoader.load(manifest.file());
        } catch (ManifestException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(unreadable(e)));
        }
        Map<String, ServiceSpec> running = supervisor.definitions();
        Manifest now = withDefinitions(manifest, running);      // an earlier restart may have applied an edit already
        ManifestChanges changes = ManifestChanges.between(now, running.keySet(), edited);
        Set<String> restarting = restarting(services, withDependents, running.keySet());
        Map<String, ServiceSpec> applied = new LinkedHashMap<>();
        changes.changed().forEach((name, keys) -> {
            String what = name + ": " + String.join(", ", keys) + " changed in " + manifest.file().getFileName();
            if (restarting.contains(name)) {
                applied.put(name, changes.applicable().get(name));
                console.say(what + "; it starts with the new definition");
            } else {
                console.say(what + "; not restarted now — `devlaunch restart " + name + "` applies it");
            }
        });
        changes.needsNewRun().forEach(console::say);
        Manifest after = withDefinitions(now, applied);     // reset removes the clean paths the new definitions name
        return supervisor.restart(services, withDependents, () -> {
            if (reset) resetPaths(after, services);
        }, applied);
    }

    /** What the supervisor will restart: as {@code Operations.restart} picks them, from the same names. */
    private Set<String> restarting(List<String> services, boolean withDependents, Set<String> inRun) {
        Set<String> set = new LinkedHashSet<>();
        for (String s : services.isEmpty() ? inRun : services) {
            set.add(s);
            if (withDependents && manifest.services().containsKey(s)) set.addAll(manifest.dependentsOf(s));
        }
        set.retainAll(inRun);
        return set;
    }

    private static Manifest withDefinitions(Manifest m, Map<String, ServiceSpec> definitions) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>(m.services());
        definitions.forEach((name, spec) -> services.replace(name, spec));
        return new Manifest(m.project(), m.file(), m.root(), services, m.killStale(), m.dashboard(), m.logs());
    }

    private static String unreadable(ManifestException e) {
        return "nothing was restarted: "
                + e.problems().stream().map(Problem::toString).collect(Collectors.joining("; "))
                + " — the stack keeps running as it was; fix the manifest and restart again";
    }

    private void resetPaths(Manifest manifest, List<String> services) {
        for (CleanPaths.Target t : CleanPaths.of(manifest, services)) {
            if (t.checked().refusal().isPresent()) {
                console.say(t.service(), "not deleting " + t.written() + ": " + t.checked().refusal().get());
            } else if (t.checked().present()) {
                console.say(t.service(), CleanPaths.remove(t).map(why -> "reset: could not delete " + t.written()
                        + ": " + why)
                        .orElse("reset: deleted " + t.written()));
            }
        }
    }
}
