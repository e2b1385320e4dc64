package io.devlaunch.web;

import io.devlaunch.json.JsonWriter;
import io.devlaunch.output.Console;
import io.devlaunch.supervise.FrontDoor;
import io.devlaunch.supervise.RestartBusy;
import io.devlaunch.supervise.Supervisor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The buttons: restart / stop / start, the same operations the control socket performs. Answers
 * once the supervisor has accepted or refused the operation, not when it is done (a restart can
 * take a minute; the page follows it on the event stream).
 */
final class Actions {
    record Answer(int code, String json) {}

    private final Supervisor supervisor;
    private final FrontDoor door;
    private final Console console;

    Actions(Supervisor supervisor, FrontDoor door, Console console) {
        this.supervisor = supervisor;
        this.door = door;
        this.console = console;
    }

    /** @param service null for every service (restart only) */
    Answer run(String service, String action, boolean reset) throws InterruptedException {
        List<String> names = service == null ? List.of() : List.of(service);
        CompletableFuture<Boolean> f;
        try {
            Optional<String> notHere = door.notInThisRun(names);
            if (notHere.isPresent()) return new Answer(404, JsonText.error(notHere.get()));
            FrontDoor.Kind kind = FrontDoor.Kind.named(action)
                    .orElseThrow(() -> new IllegalArgumentException("no action " + action));
            f = door.ask(kind, names, false, reset);
            // The loop runs work in order: once this snapshot is taken, the operation was accepted or refused.
            supervisor.status().get(FrontDoor.STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return new Answer(503, JsonText.error("the supervisor did not answer within "
                    + FrontDoor.STATUS_WAIT.toSeconds()
                    + "s; `devlaunch status` shows its state"));
        } catch (RuntimeException e) {
            return refused(e);
        }
        if (f.isCompletedExceptionally()) {
            try {
                f.join();
            } catch (CompletionException e) {
                return refused(e.getCause() instanceof RuntimeException r ? r : e);
            } catch (RuntimeException e) {
                return refused(e);
            }
        }
        // Said only now that the supervisor took it: a refused request (409, 404, 503) changed nothing on
        // the console's run, and its reason went back to whoever asked.
        console.say("the dashboard asked to " + action + " " + (service == null ? "every service" : service)
                + (reset ? ", removing clean paths first" : ""));
        JsonWriter w = new JsonWriter().beginObject().field("accepted", true).field("service", service).field("action",
                action);
        if (reset) w.field("reset", true);
        return new Answer(202, w.endObject().toString());
    }

    private static Answer refused(RuntimeException e) {
        int code = e instanceof RestartBusy ? 409 : e instanceof IllegalArgumentException ? 404 : 409;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof RestartBusy) message += "; try again when it is done";
        return new Answer(code, JsonText.error(message));
    }
}
