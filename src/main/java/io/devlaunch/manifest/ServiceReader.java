package io.devlaunch.manifest;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads one service block (already merged over {@code defaults}) into a {@link ServiceSpec}. */
final class ServiceReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private ServiceReader() {}

    /**
     * The spec, or empty when the block had problems (they are added to the reader's list).
     * {@code at} is where the service's own block starts: the reader's block is merged with
     * {@code defaults}, and a merged block's origin is not the line the user wrote the service on.
     */
    static Optional<ServiceSpec> read(String name, TypedReader r, Location at, Path root, List<Problem> problems) {
        int before = problems.size();
        if (!NAME.matcher(name).matches()) {
            problems.add(new Problem(at, "service name '" + Shown.of(name)
                    + "' may only use letters, digits, '-' and '_' (it names log files)"));
        }
        Optional<Command> command = CommandReader.command(r, "command");
        if (!r.has("command")) {
            problems.add(new Problem(at, "services." + Shown.of(name)
                    + " has no command; add e.g. command = [\"npm\", \"run\", \"dev\"] or command = \"./run.sh\""));
        }
        Path dir = r.string("dir").flatMap(d -> resolve(root, d, "dir", r)).orElse(root);
        List<Integer> ports = ports(r);
        var env = r.environment("env").orElse(java.util.Map.of());
        List<Path> envFiles = new ArrayList<>();
        for (String f : r.stringOrList("env-file").orElse(List.of())) resolve(root, f, "env-file", r).ifPresent(envFiles::add);
        List<String> dependsOn = r.stringOrList("depends-on").orElse(List.of());
        Optional<HealthSpec> health = r.has("health") ? health(r) : implicitHealth(ports);
        List<Command> beforeStart = CommandReader.commands(r, "before-start").orElse(List.of());
        RestartPolicy restart = r.string("restart").map(s -> {
            RestartPolicy p = RestartPolicy.parse(s);
            if (p == null) r.problem("restart", "must be no, on-failure or always, got '" + Shown.of(s) + "'"
                    + Suggestions.hint(s, List.of("no", "on-failure", "always"), ""));
            return p;
        }).orElse(ServiceSpec.DEFAULT_RESTART);
        int maxRestarts = r.integer("max-restarts", 0, 10_000).orElse(ServiceSpec.DEFAULT_MAX_RESTARTS);
        var window = r.duration("restart-window").orElse(ServiceSpec.DEFAULT_RESTART_WINDOW);
        String signal = r.string("stop-signal").map(s -> normaliseSignal(s, r)).orElse(ServiceSpec.DEFAULT_STOP_SIGNAL);
        var stopTimeout = r.duration("stop-timeout").orElse(ServiceSpec.DEFAULT_STOP_TIMEOUT);
        List<String> clean = r.stringOrList("clean").orElse(List.of());
        for (String c : clean) resolve(root, c, "clean", r);
        ServiceSpec.Proxy proxy = proxy(name, r, ports, health);
        ServiceSpec.Watch watch = new ServiceSpec.Watch(r.stringOrList("watch").orElse(List.of()),
                r.stringOrList("watch-ignore").orElse(List.of()), r.duration("watch-debounce").orElse(ServiceSpec.Watch.DEFAULT_DEBOUNCE));

        if (problems.size() > before || command.isEmpty() || restart == null) return Optional.empty();
        return Optional.of(new ServiceSpec(name, command.get(), dir, ports, env, envFiles, dependsOn, health,
                beforeStart, restart, maxRestarts, window, signal, stopTimeout, clean, proxy, watch,
                r.string("image"), r.bool("interactive").orElse(false), at));
    }

    private static ServiceSpec.Proxy proxy(String name, TypedReader r, List<Integer> ports, Optional<HealthSpec> health) {
        boolean on = r.bool("proxy").orElse(false);
        var timeout = r.duration("proxy-timeout").orElse(health.map(HealthSpec::timeout).orElse(HealthSpec.DEFAULT_TIMEOUT));
        if (on && ports.isEmpty() && !r.has("port") && !r.has("ports")) {
            r.problem("proxy", "needs port or ports: with proxy = true devlaunch holds those and starts " + name
                    + " on a private port it hands over as $PORT");
        }
        return on ? new ServiceSpec.Proxy(true, timeout) : ServiceSpec.Proxy.OFF;
    }

    /** {@code written} relative to the project root; empty (and a problem) when no path can be made of it. */
    private static Optional<Path> resolve(Path root, String written, String key, TypedReader r) {
        try {
            return Optional.of(root.resolve(written).normalize());
        } catch (java.nio.file.InvalidPathException e) {
            r.problem(key, "is not a valid path here: '" + Shown.of(written) + "' (" + e.getReason() + ")");
            return Optional.empty();
        }
    }

    private static List<Integer> ports(TypedReader r) {
        if (r.has("port") && r.has("ports")) {
            r.problem("ports", "is given together with port; use one of them (ports = [a, b] for several)");
            return List.of();
        }
        if (r.has("port")) return r.integer("port", 1, 65535).map(List::of).orElse(List.of());
        List<Integer> ports = r.intList("ports", 1, 65535).orElse(List.of());
        // Found by the fuzzer: across services a port is owned once, and within one service too.
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int p : ports) {
            if (!seen.add(p)) {
                r.problem("ports", "lists " + p + " more than once; give each port once");
                return List.of();
            }
        }
        return ports;
    }

    private static Optional<HealthSpec> implicitHealth(List<Integer> ports) {
        if (ports.isEmpty()) return Optional.empty();
        return Optional.of(new HealthSpec(HealthSpec.Kind.TCP, "localhost:" + ports.get(0), null,
                HealthSpec.DEFAULT_TIMEOUT, 0, true));
    }

    private static Optional<HealthSpec> health(TypedReader parent) {
        if (parent.type("health") != com.typesafe.config.ConfigValueType.OBJECT) {
            parent.problem("health", "must be a block, e.g. health { http = \"http://127.0.0.1:8000/health\" }");
            return Optional.empty();
        }
        TypedReader h = parent.child("health");
        List<String> kinds = new ArrayList<>();
        for (String k : ManifestKeys.HEALTH_KINDS) if (h.has(k)) kinds.add(k);
        if (kinds.size() != 1) {
            String what = kinds.isEmpty() ? "names no check" : "names " + String.join(" and ", kinds);
            parent.problem("health", what + "; give exactly one of http, tcp, log or command");
            return Optional.empty();
        }
        String kind = kinds.get(0);
        var timeout = h.duration("timeout").orElse(HealthSpec.DEFAULT_TIMEOUT);
        int expect = h.integer("expect-status", 100, 599).orElse(0);
        if (h.has("expect-status") && !kind.equals("http")) h.problem("expect-status", "only applies to an http check");
        return switch (kind) {
            case "http" -> h.string("http").filter(url -> validUrl(url, h))
                    .map(url -> new HealthSpec(HealthSpec.Kind.HTTP, url, null, timeout, expect, false));
            case "tcp" -> h.string("tcp").filter(t -> validHostPort(t, h))
                    .map(t -> new HealthSpec(HealthSpec.Kind.TCP, t.contains(":") ? t : "localhost:" + t, null, timeout, 0, false));
            case "log" -> h.string("log").filter(re -> validRegex(re, h))
                    .map(re -> new HealthSpec(HealthSpec.Kind.LOG, re, null, timeout, 0, false));
            default -> CommandReader.command(h, "command").map(c -> new HealthSpec(HealthSpec.Kind.COMMAND, null, c, timeout, 0, false));
        };
    }

    private static boolean validUrl(String url, TypedReader h) {
        try {
            URI u = new URI(url);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                if (u.getPort() == -1 || (u.getPort() >= 1 && u.getPort() <= 65535)) return true;
                h.problem("http", "names port " + u.getPort() + ", but ports go from 1 to 65535: '" + Shown.of(url) + "'");
                return false;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        h.problem("http", "is not an http(s) URL: '" + Shown.of(url) + "' (e.g. \"http://127.0.0.1:8000/health\")");
        return false;
    }

    private static boolean validHostPort(String target, TypedReader h) {
        String port = target.substring(target.lastIndexOf(':') + 1);
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) return true;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        h.problem("tcp", "must be host:port or a port, e.g. \"127.0.0.1:5432\", got '" + Shown.of(target) + "'");
        return false;
    }

    private static boolean validRegex(String re, TypedReader h) {
        try {
            Pattern.compile(re);
            return true;
        } catch (PatternSyntaxException e) {
            h.problem("log", "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return false;
        }
    }

    private static String normaliseSignal(String s, TypedReader r) {
        String sig = s.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", "");
        if (!ManifestKeys.SIGNALS.contains(sig)) {
            r.problem("stop-signal", "must be one of " + String.join(", ", new java.util.TreeSet<>(ManifestKeys.SIGNALS))
                    + ", got '" + Shown.of(s) + "'");
        }
        return sig;
    }
}
