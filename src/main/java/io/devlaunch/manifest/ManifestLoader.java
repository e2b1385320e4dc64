package io.devlaunch.manifest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code launcher.conf} → {@link Manifest}, as a pipeline of named steps:
 * parse → reject unknown keys → resolve substitutions → read typed services → validate across
 * services. Every step collects problems; the first step with any stops the pipeline, so the user
 * sees all mistakes of one kind at once and never a confusing follow-on error.
 */
public final class ManifestLoader {
    private ManifestLoader() {}

    public static Manifest load(Path file) throws ManifestException {
        Path abs = file.toAbsolutePath().normalize();
        try {
            Optional<Problem> tooMuch = TextLimits.check(read(abs), abs);
            if (tooMuch.isPresent()) throw new ManifestException(tooMuch.get());
            return load(parse(abs), abs);
        } catch (StackOverflowError e) {
            // A backstop: TextLimits keeps out what we know overflows, but Typesafe Config recurses
            // in ways no cheap count foresees (a chain of substitutions, a path a.b.c… 3,000 long).
            throw new ManifestException(new Problem(new Location(abs, 0), "nested too deep to read (its blocks, lists,"
                    + " key paths or chains of substitutions); a manifest needs only a few levels — is this the file you meant?"));
        } catch (OutOfMemoryError e) {
            // Likewise: substitutions that double a value again and again expand without bound.
            // Everything the failed read allocated is garbage now, so the JVM goes on normally.
            throw new ManifestException(new Problem(new Location(abs, 0), "needs more memory to read than devlaunch has"
                    + " (do substitutions copy a value into itself again and again?); a manifest is read in a few MB"));
        }
    }

    /** Bigger is no manifest (a hand-written one has a few KB), and would not fit the CLI's 64 MB heap anyway. */
    static final long MAX_BYTES = 10L << 20;

    /** The text, to look at before Typesafe Config parses the file (which reads it again: it is small). */
    private static String read(Path file) throws ManifestException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ManifestException(new Problem(new Location(file, 0), "is " + (size >> 20) + " MB, where a manifest"
                        + " has a few KB (devlaunch reads at most " + (MAX_BYTES >> 20) + " MB); is this the right file?"));
            }
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e.getMessage() == null ? "an I/O error" : Shown.of(e.getMessage());
            throw new ManifestException(new Problem(new Location(file, 0), "cannot be read: " + reason));
        }
    }

    /**
     * Runs the whole pipeline once on a small built-in manifest, to load and initialise its classes
     * (Typesafe Config's parser and resolver, ours) on another thread while the command line is
     * still being parsed (see {@code cli.WarmUp}).
     */
    public static void warmUp() {
        try {
            Path file = Path.of("warm-up.conf").toAbsolutePath();
            TextLimits.check(WARM_UP, file);
            load(ConfigFactory.parseString(WARM_UP), file);
        } catch (ManifestException | RuntimeException e) {
            // nothing to report: the real manifest, loaded next, reports its own problems
        }
    }

    private static final String WARM_UP = String.join("\n",
            "project = warm-up",
            "vars { port = 1, port = ${?DEVLAUNCH_WARM_UP_PORT} }",     // an env lookup too, as manifests do
            "services {",
            "  a { command = [\"a\"], port = ${vars.port}, health.http = \"http://127.0.0.1:1/\", env { X = \"1\" } }",
            "  b { command = \"b c\", depends-on = [a], health { tcp = \"127.0.0.1:2\", timeout = 1s }, restart = no }",
            "}");

    private static Manifest load(Config parsed, Path abs) throws ManifestException {
        List<Problem> problems = new ArrayList<>();
        List<Problem> unknown = new ArrayList<>();
        boolean walked = UnknownKeys.check(parsed.root(), abs, unknown);
        Config resolved = resolve(parsed, abs, problems);
        if (!walked && problems.isEmpty()) {
            // Found by the fuzzer: a block merged with a substitution is walkable only once resolved.
            unknown.clear();
            UnknownKeys.check(resolved.root(), abs, unknown);
        }
        problems.addAll(0, unknown);
        throwIf(problems);
        Map<String, ServiceSpec> services = readServices(resolved, abs, problems);
        throwIf(problems);
        validateAcrossServices(services, problems);
        throwIf(problems);

        TypedReader top = new TypedReader(resolved, "", abs, problems);
        Path root = abs.getParent();
        String project = top.string("project").orElse(root.getFileName() == null ? "project" : root.getFileName().toString());
        boolean killStale = top.bool("kill-stale").orElse(true);
        Manifest.Dashboard dashboard = TopBlocks.dashboard(top, services);
        Manifest.Logs logs = TopBlocks.logs(top);
        throwIf(problems);

        Map<String, List<String>> deps = new LinkedHashMap<>();
        services.forEach((n, s) -> deps.put(n, s.dependsOn()));
        Comparator<String> fileOrder = Comparator.comparingInt(n -> services.get(n).location().line());
        Map<String, ServiceSpec> ordered = new LinkedHashMap<>();
        for (String n : DependencyOrder.sort(deps, fileOrder.thenComparing(Comparator.naturalOrder()))) {
            ordered.put(n, services.get(n));
        }
        return new Manifest(project, abs, root, ordered, killStale, dashboard, logs);
    }

    private static Config parse(Path file) throws ManifestException {
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setSyntax(ConfigSyntax.CONF).setIncluder(new Includes(file)));
        } catch (ConfigException e) {
            throw new ManifestException(fromConfigException(e, file, ""));
        }
    }

    private static Config resolve(Config parsed, Path file, List<Problem> problems) {
        try {
            return parsed.resolve();
        } catch (ConfigException.UnresolvedSubstitution e) {
            problems.add(fromConfigException(e, file,
                    " (define that key, or write ${?NAME} for an optional environment variable)"));
        } catch (ConfigException e) {
            problems.add(fromConfigException(e, file, ""));
        }
        return parsed;
    }

    private static Map<String, ServiceSpec> readServices(Config cfg, Path file, List<Problem> problems) {
        TypedReader top = new TypedReader(cfg, "", file, problems);
        if (!top.has("services") || top.type("services") != ConfigValueType.OBJECT
                || cfg.getObject("services").isEmpty()) {
            problems.add(new Problem(top.location("services"),
                    "no services; add a block like services { web { command = \"npm run dev\" } }"));
            return Map.of();
        }
        ConfigObject defaults = null;
        if (top.has("defaults")) {
            if (top.type("defaults") != ConfigValueType.OBJECT) {
                top.problem("defaults", "must be a block of service keys, e.g. defaults { stop-timeout = 10s }");
            } else {
                defaults = cfg.getObject("defaults");
            }
        }
        Map<String, ServiceSpec> out = new LinkedHashMap<>();
        // ConfigObject is a hash map: restore file order, which users read as "the order I wrote".
        List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(cfg.getObject("services").entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, ConfigValue> e : entries) {
            String name = e.getKey();
            if (!(e.getValue() instanceof ConfigObject svc)) {
                problems.add(new Problem(TypedReader.locationOf(e.getValue().origin(), file), "services." + Shown.of(name)
                        + " must be a block, e.g. " + Shown.of(name) + " { command = \"…\" }"));
                continue;
            }
            Config merged = defaults == null ? svc.toConfig() : svc.toConfig().withFallback(defaults);
            TypedReader r = new TypedReader(merged, "services." + Shown.of(name) + ".", file, problems);
            ServiceReader.read(name, r, TypedReader.locationOf(svc.origin(), file), file.getParent(), problems).ifPresent(s -> out.put(name, s));
        }
        return out;
    }

    private static void validateAcrossServices(Map<String, ServiceSpec> services, List<Problem> problems) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (ServiceSpec s : services.values()) {
            for (String d : s.dependsOn()) {
                if (d.equals(s.name())) {
                    problems.add(new Problem(s.location(), "services." + s.name() + ".depends-on names the service itself"));
                } else if (!services.containsKey(d)) {
                    problems.add(new Problem(s.location(), "services." + s.name() + ".depends-on names '" + Shown.of(d)
                            + "', which is not a service" + Suggestions.hint(d, services.keySet(), "")
                            + "; services: " + someOf(services.keySet())));
                }
            }
            deps.put(s.name(), s.dependsOn());
        }
        DependencyOrder.findCycle(deps).filter(c -> c.size() > 2).ifPresent(cycle -> problems.add(new Problem(
                services.get(cycle.get(0)).location(),
                "depends-on forms a cycle: " + String.join(" → ", cycle) + "; remove one of these dependencies")));

        Map<Integer, ServiceSpec> owners = new HashMap<>();
        for (ServiceSpec s : services.values()) {
            for (int port : s.ports()) {
                ServiceSpec other = owners.putIfAbsent(port, s);
                if (other != null && other != s) {
                    problems.add(new Problem(s.location(), "port " + port + " is claimed by both " + other.name()
                            + " (line " + other.location().line() + ") and " + s.name() + "; each port belongs to one service"));
                }
            }
        }
    }

    /** Up to ten names, then how many more: a message lists what helps, not a thousand services. */
    private static String someOf(java.util.Collection<String> names) {
        List<String> first = names.stream().limit(10).toList();
        return String.join(", ", first) + (names.size() > first.size() ? " and " + (names.size() - first.size()) + " more" : "");
    }

    private static Problem fromConfigException(ConfigException e, Path file, String advice) {
        Location at = TypedReader.locationOf(e.origin(), file);
        String msg = e.getMessage();
        if (e.origin() != null) {
            String prefix = e.origin().description() + ": ";
            if (msg.startsWith(prefix)) msg = msg.substring(prefix.length());
        }
        msg = msg.replaceFirst("^\\d+: ", "");
        if (e instanceof ConfigException.Parse) msg = "syntax error: " + msg;
        return new Problem(at, Shown.message(msg) + advice);
    }

    private static void throwIf(List<Problem> problems) throws ManifestException {
        if (!problems.isEmpty()) throw new ManifestException(problems);
    }
}
