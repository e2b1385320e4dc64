package io.devlaunch.ipc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.devlaunch.json.Json;
import io.devlaunch.json.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The control channel's wire format, defined here and nowhere else. One request line per
 * connection, client to supervisor: {@code {"cmd":"ping"}} or
 * {@code {"cmd":"restart","services":[…],"reset":false,"withDependents":false}},
 * {@code {"cmd":"stop","services":[…]}} or {@code {"cmd":"start","services":[…]}}. Then reply lines,
 * supervisor to client: any number of {@code {"line":"…"}} (console output) and
 * {@code {"alive":true}} (nothing to say yet, but still working — lets the client time out on
 * silence), then exactly one {@code {"done":true,"ok":…,"message":"…"}}, then the connection closes.
 * Unknown fields are ignored, so either side may add some.
 * <p>
 * {@code {"cmd":"attach","service":"…"}} connects to an interactive service's terminal: the first
 * reply is a {@code line} (attached) or the {@code done} that refuses; the client sends nothing
 * before it. Then both sides stream until either closes: the supervisor sends {@code {"out":"…"}}
 * (the terminal's bytes, base64) and {@code line}s (notices: a restart), the client
 * {@code {"in":"…"}} (keys, base64) and {@code {"rows":…,"cols":…}} (its window size).
 */
public final class Protocol {
    static final String CMD = "cmd";
    static final String SERVICES = "services";
    static final String RESET = "reset";
    static final String WITH_DEPENDENTS = "withDependents";
    static final String LINE = "line";
    static final String ALIVE = "alive";
    static final String DONE = "done";
    static final String OK = "ok";
    static final String MESSAGE = "message";
    static final String SERVICE = "service";
    static final String OUT = "out";

    /** Requests are flat; anything deeper is not ours, and deep nesting is what overflows a recursive parser. */
    static final int MAX_DEPTH = 8;

    private Protocol() {}

    /** The request kinds, by their name on the wire. */
    public enum Command {
        PING("ping"), RESTART("restart"), STOP("stop"), START("start"), ATTACH("attach");

        final String wire;

        Command(String wire) {
            this.wire = wire;
        }

        static Optional<Command> of(String wire) {
            return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
        }

        static String names() {
            return Arrays.stream(values()).map(c -> c.wire).collect(Collectors.joining(", "));
        }
    }

    public sealed interface Request permits Ping, RestartRequest, StopRequest, StartRequest, AttachRequest {}

    public record Ping() implements Request {}

    /** @param services none means all of the run's services */
    public record RestartRequest(List<String> services, boolean reset, boolean withDependents) implements Request {
        public RestartRequest {
            services = List.copyOf(services);
        }
    }

    /** Stop these services (at least one); they stay stopped, the run goes on. */
    public record StopRequest(List<String> services) implements Request {
        public StopRequest {
            services = List.copyOf(services);
        }
    }

    /** Start these services (at least one) again, with the ended ones they need, and answer once they are healthy. */
    public record StartRequest(List<String> services) implements Request {
        public StartRequest {
            services = List.copyOf(services);
        }
    }

    /** Connect to this interactive service's terminal (see the class comment). */
    public record AttachRequest(String service) implements Request {}

    public sealed interface Reply permits Line, Alive, Done, Output {}

    /** Bytes an attached service's terminal printed. */
    public record Output(byte[] bytes) implements Reply {}

    /** A console line, plain text. */
    public record Line(String text) implements Reply {}

    /** Still working, nothing to show. */
    public record Alive() implements Reply {}

    /** The final answer. */
    public record Done(boolean ok, String message) implements Reply {}

    /** A request refused for its form; the message is for the person whose client sent it. */
    static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    // ---- rendering: through the one JSON writer, fields in the order written here

    public static String render(Request r) {
        JsonWriter w = new JsonWriter(new StringBuilder(64)).beginObject();
        if (r instanceof Ping) {
            w.field(CMD, Command.PING.wire);
        } else if (r instanceof RestartRequest rr) {
            w.field(CMD, Command.RESTART.wire).field(SERVICES, rr.services()).field(RESET, rr.reset())
                    .field(WITH_DEPENDENTS, rr.withDependents());
        } else if (r instanceof StopRequest sr) {
            w.field(CMD, Command.STOP.wire).field(SERVICES, sr.services());
        } else if (r instanceof StartRequest sr) {
            w.field(CMD, Command.START.wire).field(SERVICES, sr.services());
        } else if (r instanceof AttachRequest ar) {
            w.field(CMD, Command.ATTACH.wire).field(SERVICE, ar.service());
        }
        return w.endObject().toString();
    }

    /** Rendered for every console line a restart client watches: a line is one field, written directly. */
    public static String render(Reply r) {
        JsonWriter w = new JsonWriter(new StringBuilder(r instanceof Line l ? l.text().length() + 16
                : 64)).beginObject();
        if (r instanceof Line l) {
            w.field(LINE, l.text());
        } else if (r instanceof Alive) {
            w.field(ALIVE, true);
        } else if (r instanceof Done d) {
            w.field(DONE, true).field(OK, d.ok()).field(MESSAGE, d.message());
        } else if (r instanceof Output o) {
            w.field(OUT, BASE64.encodeToString(o.bytes()));
        }
        return w.endObject().toString();
    }

    private static final java.util.Base64.Encoder BASE64 = java.util.Base64.getEncoder();

    // ---- parsing

    /** The supervisor's reading of a request line (at most the size the server accepts). */
    static Request parseRequest(String line) throws BadRequest {
        try {
            Config c = parseObject(line);
            String cmd = string(c, CMD).orElseThrow(() -> new BadRequest("it has no \"" + CMD + "\" field"));
            Command command = Command.of(cmd).orElseThrow(() -> new BadRequest("unknown command "
                    + Json.quote(new StringBuilder(), cmd)
                    + "; this supervisor understands " + Command.names()
                            + " (is it older than the devlaunch you ran?)"));
            return switch (command) {
                case PING -> new Ping();
                case RESTART -> new RestartRequest(names(c, " ([] for all)"), flag(c, RESET), flag(c, WITH_DEPENDENTS));
                case STOP -> new StopRequest(someNames(c, command));
                case START -> new StartRequest(someNames(c, command));
                case ATTACH -> new AttachRequest(string(c, SERVICE).orElseThrow(() -> new BadRequest("\"attach\" needs \"" + SERVICE + "\"")));
            };
        } catch (BadRequest e) {
            throw new BadRequest("request refused: " + e.getMessage());
        }
    }

    /** The client's reading of a reply line. */
    public static Reply parseReply(String line) throws IOException {
        try {
            Config c = parseObject(line);
            if (c.hasPath(DONE)) {
                return new Done(flag(c, OK), string(c, MESSAGE).orElse("(the supervisor gave no message)"));
            }
            if (c.hasPath(LINE)) return new Line(string(c, LINE).orElse(""));
            if (c.hasPath(OUT)) return new Output(java.util.Base64.getDecoder().decode(string(c, OUT).orElse("")));
            // a keep-alive, or a kind of reply a newer supervisor sends: both mean "still there"
            return new Alive();
        } catch (BadRequest | ConfigException | IllegalArgumentException e) {
            throw new IOException("the supervisor sent something that is not a control reply (" + e.getMessage() + ")");
        }
    }

    static Config parseObject(String line) throws BadRequest {
        int depth = nesting(line);
        if (depth > MAX_DEPTH) throw new BadRequest("nested " + depth
                + " levels deep (a control message is a flat JSON object)");
        if (!line.stripLeading().startsWith("{")) throw new BadRequest("not a JSON object ({\"" + CMD + "\": …})");
        try {
            return Json.parse(line);
        } catch (ConfigException e) {
            String why = e.getMessage().replaceFirst("^String: \\d+: ", "").replaceFirst(" \\(if you intended .*", "");
            throw new BadRequest("not a JSON object (" + why + ")");
        }
    }

    /**
     * The deepest nesting of arrays and objects, strings skipped: linear, no recursion, checked before any parser sees
     * the text.
     */
    static int nesting(String json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (inString) {
                if (ch == '\\') i++;
                else if (ch == '"') inString = false;
            } else if (ch == '"') {
                inString = true;
            } else if (ch == '[' || ch == '{') {
                max = Math.max(max, ++depth);
            } else if (ch == ']' || ch == '}') {
                depth--;
            }
        }
        return max;
    }

    static Optional<String> string(Config c, String key) throws BadRequest {
        if (!c.hasPath(key)) return Optional.empty();
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.STRING) throw new BadRequest("\"" + key + "\" must be a string");
        return Optional.of((String) v.unwrapped());
    }

    private static boolean flag(Config c, String key) throws BadRequest {
        if (!c.hasPath(key)) return false;
        ConfigValue v = c.getValue(key);
        if (v.valueType() != ConfigValueType.BOOLEAN) throw new BadRequest("\"" + key + "\" must be true or false");
        return (Boolean) v.unwrapped();
    }

    /** A stop or start names what to act on: there is no "all" for them. */
    private static List<String> someNames(Config c, Command command) throws BadRequest {
        List<String> names = names(c, "");
        if (names.isEmpty()) throw new BadRequest("\"" + command.wire + "\" needs at least one service in \""
                + SERVICES + "\"");
        return names;
    }

    private static List<String> names(Config c, String note) throws BadRequest {
        BadRequest wrong = new BadRequest("\"" + SERVICES + "\" must be a list of service names" + note);
        if (!c.hasPath(SERVICES) || c.getValue(SERVICES).valueType() != ConfigValueType.LIST) throw wrong;
        List<String> names = new ArrayList<>();
        for (ConfigValue v : c.getList(SERVICES)) {
            if (v.valueType() != ConfigValueType.STRING) throw wrong;
            names.add((String) v.unwrapped());
        }
        return names;
    }
}
