package io.devlaunch.runstate;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Console;
import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.Supervisor;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A restart asked for from outside the supervisor (the control socket, the dashboard): the same
 * operation whichever front door asks — names this run does not have are refused with a sentence,
 * and {@code reset} removes the services' clean paths after they stopped, before they start.
 */
public final class RestartOperation {
    public static final Duration STATUS_WAIT = Duration.ofSeconds(10);

    private final Manifest manifest;
    private final Supervisor supervisor;
    private final Console console;

    public RestartOperation(Manifest manifest, Supervisor supervisor, Console console) {
        this.manifest = manifest;
        this.supervisor = supervisor;
        this.console = console;
    }

    /** Names this run does not have (`up web` runs web and what it needs): the supervisor would skip them without a word. */
    public Optional<String> notInThisRun(List<String> services) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> here = supervisor.status().get(STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                .map(ServiceStatus::name).toList();
        List<String> notHere = services.stream().filter(s -> !here.contains(s)).toList();
        if (notHere.isEmpty()) return Optional.empty();
        return Optional.of(String.join(", ", notHere) + (notHere.size() == 1 ? " is" : " are") + " not part of this run, which has "
                + String.join(", ", here) + "; stop it and `devlaunch up` them, or name only those");
    }

    /** Starts the restart (all services when {@code services} is empty); see {@link Supervisor#restart}. */
    public CompletableFuture<Boolean> restart(List<String> services, boolean withDependents, boolean reset) {
        return supervisor.restart(services, withDependents, () -> {
            if (reset) resetPaths(services);
        });
    }

    private void resetPaths(List<String> services) {
        for (CleanPaths.Target t : CleanPaths.of(manifest, services)) {
            if (t.checked().refusal().isPresent()) {
                console.say(t.service(), "not deleting " + t.written() + ": " + t.checked().refusal().get());
            } else if (t.checked().present()) {
                console.say(t.service(), CleanPaths.remove(t).map(why -> "reset: could not delete " + t.written() + ": " + why)
                        .orElse("reset: deleted " + t.written()));
            }
        }
    }
}
