package io.devlaunch.commands;

import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.DisplayPath;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.watch.WatchPlan;
import io.devlaunch.process.Executables;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.ProjectBins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code devlaunch check}'s machine checks: what a start would trip over, found without starting
 * anything. The manifest itself was already validated when it loaded.
 */
public final class Checkup {
    private final PortOwners portOwners;
    private final ProcessTree tree;
    private RunningStack ours = RunningStack.none();

    /** The check as {@code devlaunch check} runs it: this OS's way of finding who holds a port. */
    public static Checkup onThisMachine() {
        return new Checkup(PortOwners.forThisOs());
    }

    public Checkup(PortOwners portOwners) {
        this(portOwners, ProcessTree.forThisOs());
    }

    public Checkup(PortOwners portOwners, ProcessTree tree) {
        this.portOwners = portOwners;
        this.tree = tree;
    }

    public CheckReport run(Manifest manifest) {
        CheckReport report = new CheckReport();
        ours = RunningStack.of(manifest, tree);
        for (ServiceSpec s : manifest.services().values()) {
            checkDir(s, report);
            checkProgram(s.name(), s.command(), s, manifest.root(), report);
            for (Command c : s.beforeStart()) checkProgram(s.name(), c, s, manifest.root(), report);
            for (Path f : s.envFiles()) {
                if (Files.isRegularFile(f)) report.ok(s.name(), "env-file " + DisplayPath.of(f) + " exists");
                else report.problem(s.name(), "env-file " + DisplayPath.of(f)
                        + " does not exist; create it or remove env-file");
            }
            for (int port : s.ports()) checkPort(s.name(), port, report, s.proxy().enabled());
            if (s.proxy().enabled()) checkProxiedCommand(s, report);
            for (WatchPlan.Missing m : WatchPlan.missing(s.dir(), s.watch().entries())) report.problem(s.name(),
                    m.message());
            checkWiring(manifest, s, report);
        }
        return report;
    }

    private static final java.util.regex.Pattern LOCAL_ADDRESS = java.util.regex.Pattern.compile(
            "(?:^|[/@=\\s])(localhost|127\\.0\\.0\\.1|\\[::1\\]|0\\.0\\.0\\.0):(\\d{1,5})(?![0-9])");
    private static final java.util.regex.Pattern URL_HOST = java.util.regex.Pattern.compile("^[a-z][a-z0-9+.-]*://([^/:@\\s]+)");

    /** Environment values that point at this machine must point at a port some service owns. */
    private static void checkWiring(Manifest manifest, ServiceSpec s, CheckReport report) {
        java.util.Map<Integer, String> owners = new java.util.TreeMap<>();
        for (ServiceSpec o : manifest.services().values()) for (int p : o.ports()) owners.put(p, o.name());
        for (var e : new java.util.TreeMap<>(s.env()).entrySet()) {
            String where = s.name() + ".env." + e.getKey();
            var m = LOCAL_ADDRESS.matcher(e.getValue());
            while (m.find()) {
                int port = Integer.parseInt(m.group(2));
                String target = m.group(1) + ":" + port;
                if (owners.containsKey(port)) {
                    report.ok(s.name(), where + " → " + target + ", which " + owners.get(port) + " owns");
                } else if (!owners.isEmpty()) {
                    int nearest = owners.keySet().stream().min(java.util.Comparator.comparingInt(p
                            -> Math.abs(p - port))).orElseThrow();
                    report.problem(s.name(), where + " → " + target + ", but no service owns port " + port + "; "
                            + owners.get(nearest) + " owns " + nearest + " (write it once, e.g. ${services."
                                    + owners.get(nearest) + ".port})");
                }
            }
            var u = URL_HOST.matcher(e.getValue());
            if (u.find() && !isLocal(u.group(1))) {
                try {
                    java.net.InetAddress.getByName(u.group(1));
                } catch (java.net.UnknownHostException ex) {
                    report.problem(s.name(), where + " names host '" + u.group(1) + "', which does not resolve");
                }
            }
        }
    }

    private static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("0.0.0.0");
    }

    private static void checkDir(ServiceSpec s, CheckReport report) {
        if (!Files.isDirectory(s.dir())) {
            report.problem(s.name(), "dir " + DisplayPath.of(s.dir()) + " does not exist; create it or fix dir");
        }
    }

    private static void checkProgram(String service, Command command, ServiceSpec s, Path root, CheckReport report) {
        String program = command.program();
        if (program == null || !Files.isDirectory(s.dir())) return;
        if (command.isShell() && isShellBuiltin(program)) {
            report.ok(service, program + " is a shell builtin");
            return;
        }
        String path = s.env().getOrDefault("PATH", System.getenv("PATH"));
        Optional<Path> found = Executables.find(program, path, s.dir());
        if (found.isPresent()) {
            report.ok(service, program + " found at " + DisplayPath.of(found.get()));
            return;
        }
        if (program.contains("/")) {
            report.problem(service, program + " does not exist or is not executable (looked in "
                    + DisplayPath.of(s.dir()) + ")");
            return;
        }
        // Not activated is the usual case for a project's virtualenv or node_modules: say where it is and what to
        // write.
        Optional<Path> own = ProjectBins.find(program, s.dir(), root);
        report.problem(service, own.map(p -> program + " is not on PATH, but the project has it at " + DisplayPath.of(p)
                        + "; write command = " + rewritten(command, program, relative(s.dir(),
                                p)) + " (or activate that environment first)")
                .orElse(program + " is not on PATH; install it or give its full path in command"));
    }

    /** {@code .venv/bin/gunicorn} from the service's folder, as a command run there would name it. */
    private static String relative(Path dir, Path program) {
        return dir.toAbsolutePath().normalize().relativize(program).toString();
    }

    /** The command as it should be written, with {@code program} replaced by {@code path}. */
    private static String rewritten(Command command, String program, String path) {
        if (command.isShell()) {
            return "\"" + command.shellLine().replaceFirst("(^|\\s)" + java.util.regex.Pattern.quote(program)
                    + "(?=\\s|$)",
                    "$1" + java.util.regex.Matcher.quoteReplacement(path)).replace("\\", "\\\\").replace("\"",
                            "\\\"") + "\"";
        }
        List<String> argv = new java.util.ArrayList<>(command.argv());
        argv.set(0, path);
        return "[" + String.join(", ", argv.stream().map(a -> "\"" + a.replace("\\", "\\\\").replace("\"",
                "\\\"") + "\"").toList()) + "]";
    }

    private void checkPort(String service, int port, CheckReport report, boolean proxied) {
        List<PortHolder> holders = portOwners.holders(port);
        if (holders.isEmpty()) {
            report.ok(service, "port " + port + " is free");
            return;
        }
        for (PortHolder h : holders) {
            Optional<RunningStack.Member> own = h.pid().flatMap(ours::member);
            if (own.isPresent()) {
                checkOwnHolder(service, port, own.get(), report, proxied);
                continue;
            }
            report.problem(service, "port " + port + " is held by " + h.describe()
                    + (h.ownerKnown() ? "; `devlaunch up` will stop it, or run `devlaunch clean`" : ""));
        }
    }

    /** A holder from this project's running stack is no problem, unless another service has taken this one's port. */
    private static void checkOwnHolder(String service, int port, RunningStack.Member m, CheckReport report,
            boolean proxied) {
        String held = "port " + port + " is held by this project's running ";
        if (m.supervisor()) {
            report.ok(service, held + "devlaunch (" + (proxied ? "its proxy for `" + service + "`, " : "") + "PID "
                    + m.pid() + ")");
        } else if (m.service().isEmpty()) {
            report.ok(service, held + "devlaunch: a process it started (PID " + m.pid() + ")");
        } else if (m.service().get().equals(service)) {
            report.ok(service, held + "`" + service + "` (PID " + m.pid() + ")");
        } else {
            report.problem(service, held + "`" + m.service().get() + "` (PID " + m.pid() + "), not by " + service
                    + "; two services cannot share a port: check which one " + service + "'s port belongs to");
        }
    }

    /** A proxied service must listen where devlaunch tells it ($PORT), not on the public port devlaunch holds. */
    private static void checkProxiedCommand(ServiceSpec s, CheckReport report) {
        List<String> words = s.command().isShell() ? List.of(s.command().shellLine().split("[\\s=:]+"))
                : s.command().argv();
        for (int port : s.ports()) {
            String p = Integer.toString(port);
            if (words.stream().anyMatch(w -> w.equals(p) || w.endsWith(":" + p) || w.endsWith("=" + p))) {
                report.problem(s.name(), "command names port " + port
                        + " itself, but with proxy = true devlaunch holds " + port
                        + " and the service must listen on $PORT (a private port devlaunch picks and hands over)");
            }
        }
    }

    private static boolean isShellBuiltin(String word) {
        return List.of("exec", "cd", "echo", "test", "[", "export", "set", ".", "true", "false", "trap", "wait",
                "while", "for", "if", "until", "case", "{", "(").contains(word);
    }
}
