package io.devlaunch.web;

import com.sun.net.httpserver.HttpExchange;
import io.devlaunch.json.JsonWriter;
import io.devlaunch.supervise.FrontDoor;
import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.Supervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code /api/…}, once {@link RequestGuard} let the request through. */
final class Api {
    /** The supervisor did not answer in time: 503, with a sentence. */
    static final class NoAnswer extends Exception {
        NoAnswer(long waitMs) {
            super("the supervisor did not answer within " + waitMs
                    + " ms (it may be busy stopping or starting services); "
                    + "try again, or see `devlaunch status`");
        }
    }

    /** A request that cannot be read (a bad %-escape): 400, with a sentence. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private final Supervisor supervisor;
    private final EventHub hub;
    private final StatusRenderer renderer;
    private final Actions actions;
    private final long waitMs;
    private volatile boolean closing;

    Api(Supervisor supervisor, EventHub hub, StatusRenderer renderer, Actions actions) {
        this(supervisor, hub, renderer, actions, FrontDoor.STATUS_WAIT.toMillis());
    }

    Api(Supervisor supervisor, EventHub hub, StatusRenderer renderer, Actions actions, long waitMs) {
        this.supervisor = supervisor;
        this.hub = hub;
        this.renderer = renderer;
        this.actions = actions;
        this.waitMs = waitMs;
    }

    /** The run is ending: a new event stream is refused for that reason, not for "too many". */
    void closing() {
        closing = true;
    }

    void handle(HttpExchange ex, String path, boolean post) throws IOException, InterruptedException, NoAnswer {
        String[] parts = path.split("/", -1);     // "", "api", ...
        String action = parts.length == 5 && parts[2].equals("services") ? parts[4] : null;
        boolean isAction = path.equals("/api/restart") || "restart".equals(action) || "stop".equals(action)
                || "start".equals(action);
        boolean isRead = path.equals("/api/status") || path.equals("/api/events") || "logs".equals(action);
        if (!isAction && !isRead) {
            Responses.error(ex, 404, "no such API: " + path + " (see the README's API table)");
        } else if (isAction != post) {
            ex.getResponseHeaders().set("Allow", post ? "GET, HEAD" : "POST");
            Responses.error(ex, 405, path + " takes " + (post ? "GET" : "POST"));
        } else if (path.equals("/api/status")) {
            Responses.json(ex, 200, renderer.status(snapshot(), hub.lastChanges()));
        } else if (path.equals("/api/events")) {
            events(ex);
        } else if (path.equals("/api/restart")) {
            answer(ex, actions.run(null, "restart", "true".equals(query(ex).get("reset"))));
        } else {
            String service = decode(parts[3]);
            if (action.equals("logs")) logs(ex, service);
            else answer(ex, actions.run(service, action, false));
        }
    }

    private List<ServiceStatus> snapshot() throws InterruptedException, NoAnswer {
        try {
            return supervisor.status().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new NoAnswer(waitMs);
        }
    }

    private static void answer(HttpExchange ex, Actions.Answer a) throws IOException {
        Responses.json(ex, a.code(), a.json());
    }

    private void logs(HttpExchange ex, String service) throws IOException, InterruptedException, NoAnswer {
        if (snapshot().stream().noneMatch(s -> s.name().equals(service))) {
            Responses.error(ex, 404, "no service " + service + " in this run");
            return;
        }
        int n;
        try {
            n = Integer.parseInt(query(ex).getOrDefault("n", "200"));
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > EventHub.RING_LINES) {
            Responses.error(ex, 400, "n must be a number from 0 to " + EventHub.RING_LINES);
            return;
        }
        EventHub.Tail tail = hub.tail(service, n);
        JsonWriter w = new JsonWriter(new StringBuilder(tail.linesJson().length() + 64)).beginObject()
                .field("service", service).name("lines").beginArray();
        // the ring's lines, each rendered once as it came
        if (!tail.linesJson().isEmpty()) w.raw(tail.linesJson());
        Responses.json(ex, 200, w.endArray().field("skipped", tail.skipped()).endObject().toString());
    }

    /** Server-sent events on this request's thread, until the browser goes or the dashboard closes. */
    private void events(HttpExchange ex) throws IOException, InterruptedException, NoAnswer {
        if (ex.getRequestMethod().equals("HEAD")) {
            Responses.send(ex, 200, "text/event-stream; charset=utf-8", new byte[0]);
            return;
        }
        long last = lastEventId(ex);
        EventStream stream = new EventStream(hub);
        AtomicBoolean opened = new AtomicBoolean();
        // Set when this request gave up waiting; under the same lock as the open, so a snapshot that
        // comes late never registers a stream nobody reads (16 of those and no tab could connect again).
        boolean[] abandoned = {false};
        // Registered on the loop, right after the snapshot: no transition falls between the two.
        List<ServiceStatus> now;
        try {
            now = supervisor.status().thenApply(s -> {
                synchronized (abandoned) {
                    if (!abandoned[0]) opened.set(hub.open(stream, last));
                }
                return s;
            }).get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            synchronized (abandoned) {
                abandoned[0] = true;
            }
            hub.close(stream);
            throw new NoAnswer(waitMs);
        }
        if (!opened.get()) {
            Responses.error(ex, 503, closing ? "the run is ending; the dashboard takes no new event streams"
                    : EventHub.MAX_STREAMS + " event streams are open already (dashboard tabs, scripts); close one");
            return;
        }
        try {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write(("retry: 1000\n" + EventStream.frame("status", renderer.status(now, hub.lastChanges())))
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            stream.pump(out);
        } finally {
            // A write that failed (the browser went away) goes on to the JDK server, which closes the
            // connection only when it sees the failure (see Routes#answer).
            hub.close(stream);
        }
    }

    private static long lastEventId(HttpExchange ex) {
        String id = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (id == null) return -1;
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new HashMap<>();
        String q = ex.getRequestURI().getRawQuery();
        if (q == null) return out;
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            String k = decode(eq < 0 ? kv : kv.substring(0, eq));
            out.putIfAbsent(k, eq < 0 ? "" : decode(kv.substring(eq + 1)));
        }
        return out;
    }

    /**
     * A %-escaped part of the address; a bad escape ({@code %zz}, a cut-off {@code %4}) is the client's mistake, a 400.
     */
    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("the address has a bad %-escape in \"" + raw
                    + "\" (a % must be followed by two hex digits)");
        }
    }
}
