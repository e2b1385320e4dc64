package io.devlaunch.init;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * package.json scripts → a draft: a script that runs several others at once becomes one service per
 * script it runs ({@code npm run dev:api}); else a lone {@code dev} script is one service, else {@code start}.
 */
final class PackageJsonImport {
    private PackageJsonImport() {}

    /** Scripts people name for "run it all in development", in the order they are tried. */
    private static final List<String> RUNNER_NAMES = List.of("dev", "dev:all", "start:dev", "develop", "start", "serve");

    /** Empty when no script fits; then {@code why} says what was looked for. */
    static Optional<Draft> read(ProjectFiles files, PackageJson pkg, List<String> why) {
        Map<String, String> scripts = pkg.scripts();
        String pm = packageManager(files, pkg);
        Draft d = new Draft("package.json");
        d.project = pkg.name().map(n -> Names.sanitise(n.substring(n.lastIndexOf('/') + 1))).orElse(null);
        String chosen = null;
        Runners.Expansion expansion = null;
        for (String name : runnerCandidates(scripts)) {
            Runners.Expansion e = Runners.expand(name, scripts.get(name), scripts);
            if (e != null) {
                chosen = name;
                expansion = e;
                break;
            }
        }
        Detect detect = new Detect(files);
        Set<String> taken = new LinkedHashSet<>();
        if (expansion != null) {
            d.summary = "scripts." + chosen + " runs " + expansion.parallel().size() + " at once (" + scripts.get(chosen) + ")";
            for (Runners.Part p : expansion.parallel()) {
                String body = p.script() != null ? scripts.get(p.script()) : p.command();
                String command = p.script() != null ? pm + " run " + p.script() : localBin(pm, p.command());
                String name = Names.unique(Names.sanitise(p.name() != null ? p.name() : shortName(chosen, p)), taken);
                String origin = p.script() != null ? "package.json scripts." + p.script() : "package.json scripts." + chosen;
                DraftService svc = service(name, command, origin, detect.of(body), d, files);
                if (p.script() == null && command.equals(p.command())) {
                    svc.review.add(name + ": runs `" + p.command() + "` as written; " + chosen + " ran it with node_modules/.bin on PATH"
                            + " (as " + pm + " run does) — if it is a package's program, put it in a script and run that");
                }
                d.services.add(svc);
            }
            for (String s : expansion.sequential()) {
                d.review.add("scripts." + chosen + " runs " + s + " first, in sequence; if the services need it, add \""
                        + pm + " run " + s + "\" to their before-start");
            }
        } else {
            String single = scripts.containsKey("dev") ? "dev" : scripts.containsKey("start") ? "start" : null;
            if (single == null) {
                why.add("package.json has no \"dev\" or \"start\" script, and none that runs several scripts at once"
                        + " (concurrently, npm-run-all -p, run-p)" + (scripts.isEmpty() ? "" : "; its scripts: "
                        + String.join(", ", scripts.keySet())));
                return Optional.empty();
            }
            d.summary = "scripts." + single + " (" + scripts.get(single) + ")";
            String name = d.project != null ? d.project : "app";
            d.services.add(service(name, pm + " run " + single, "package.json scripts." + single, detect.of(scripts.get(single)), d, files));
        }
        d.varsWhy = "PORT for the scripts that listen on $PORT (devlaunch picked these, from " + ProcfileImport.FOREMAN_BASE_PORT
                + " up): change one here and everything that uses it follows";
        return Optional.of(d);
    }

    private static DraftService service(String name, String command, String origin, Detection det, Draft d, ProjectFiles files) {
        DraftService s = new DraftService(name, command, origin, det);
        Framework fw = det.framework();
        if (det.port() != null) {
            s.port = det.port();
            s.portWhy = "from " + det.portSource() + " in " + origin.replace("package.json ", "");
        } else if (det.usesPortEnv() && (fw == null || fw.readsPortEnv)) {
            int port = ProcfileImport.FOREMAN_BASE_PORT + ProcfileImport.FOREMAN_PORT_STEP * d.vars.size();
            s.portVar = name + "-port";
            s.envPortVar = s.portVar;
            d.vars.put(s.portVar, port);
            s.port = port;
            s.portWhy = "the script listens on $PORT; devlaunch sets it";
        } else if (fw != null) {
            s.port = fw.defaultPort;
            s.portWhy = fw.label + "'s default port";
            if (fw == Framework.VITE) {
                s.review.add(name + ": Vite moves to the next free port when " + fw.defaultPort
                        + " is taken, and the health check would then wait in vain; add --strictPort to its vite command"
                        + " so a taken port is an error");
            }
        } else {
            s.review.add(name + ": no port seen in its script — ready once it has run a moment without exiting");
        }
        Imports.health(s);
        return s;
    }

    /** {@code dev:api} run by {@code dev} → {@code api}; else the script's whole name (':' becomes '-'). */
    private static String shortName(String runner, Runners.Part p) {
        if (p.script() == null) {
            List<String> w = ShellWords.split(p.command());
            return w.isEmpty() ? "service" : w.get(0).substring(w.get(0).lastIndexOf('/') + 1);
        }
        String s = p.script();
        for (String prefix : List.of(runner + ":", "dev:", "start:", "serve:", "watch:")) {
            if (s.startsWith(prefix) && s.length() > prefix.length()) return s.substring(prefix.length());
        }
        return s;
    }

    /**
     * A command concurrently ran itself: run through the package manager so node_modules/.bin is on PATH, as it was.
     * Shell syntax would not survive that; such a command stays as written (with a note).
     */
    private static String localBin(String pm, String command) {
        if (command.matches(".*[;&|<>()$`\\\\\"'*?].*")) return command;
        return switch (pm) {
            case "npm" -> "npm exec -- " + command;
            case "bun" -> "bunx " + command;
            default -> pm + " exec " + command;
        };
    }

    private static List<String> runnerCandidates(Map<String, String> scripts) {
        List<String> out = new ArrayList<>();
        for (String n : RUNNER_NAMES) if (scripts.containsKey(n)) out.add(n);
        for (String n : scripts.keySet()) if ((n.startsWith("dev") || n.startsWith("start")) && !out.contains(n)) out.add(n);
        return out;
    }

    /** pnpm-lock.yaml → pnpm, yarn.lock → yarn, bun.lock(b) → bun, else package.json's packageManager, else npm. */
    static String packageManager(ProjectFiles files, PackageJson pkg) {
        if (files.exists("pnpm-lock.yaml")) return "pnpm";
        if (files.exists("yarn.lock")) return "yarn";
        if (files.exists("bun.lockb") || files.exists("bun.lock")) return "bun";
        if (files.exists("package-lock.json")) return "npm";
        return pkg.packageManager().map(s -> s.replaceAll("@.*", "")).filter(Set.of("npm", "yarn", "pnpm", "bun")::contains).orElse("npm");
    }
}
