package io.devlaunch.init;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps every importer shares: health checks from what was detected, one owner per port, dependencies with clear evidence. */
final class Imports {
    private Imports() {}

    private static final Pattern LOCAL_PORT = Pattern.compile("(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]):(\\d{2,5})(?![0-9])");
    /** Where a frontend says which backend it talks to. */
    private static final List<String> CONFIG_FILES = List.of("vite.config.ts", "vite.config.js", "vite.config.mjs",
            "vite.config.mts", "vite.config.cjs", "next.config.js", "next.config.mjs", "next.config.ts", "angular.json",
            "proxy.conf.json", "src/setupProxy.js");
    /** Env files count only in a service's own folder: the project's root .env is shared by every process. */
    private static final List<String> ENV_FILES = List.of(".env", ".env.local", ".env.development", ".env.development.local");

    /** The health check its framework usually has; else the implicit TCP check on its port. */
    static void health(DraftService s) {
        if (s.port == null) return;
        Detection d = s.detection;
        if (d.healthPath() != null) {
            s.healthPath = d.healthPath();
            s.healthWhy = d.healthWhy();
        } else {
            s.healthWhy = "ready when port " + s.port + " accepts connections" + (d.healthWhy() == null ? "" : " — " + d.healthWhy());
        }
    }

    /** Two services claiming one port is a manifest error: the later one loses its claim, with a note. */
    static void oneOwnerPerPort(Draft d) {
        Map<Integer, DraftService> owners = new HashMap<>();
        for (DraftService s : d.services) {
            if (s.port == null) continue;
            DraftService other = owners.putIfAbsent(s.port, s);
            if (other == null) continue;
            s.review.add(s.name + ": port " + s.port + " (" + s.portWhy + ") is " + other.name + "'s too; not written for "
                    + s.name + " — give it a port of its own (e.g. --port in its command) and add port = …");
            s.port = null;
            s.healthPath = null;
            s.healthWhy = null;
            s.portWhy = null;
        }
    }

    /** A service whose own config or command names another service's port starts after it. */
    static void dependencies(Draft d, ProjectFiles files) {
        Map<Integer, DraftService> owners = new HashMap<>();
        for (DraftService s : d.services) if (s.port != null) owners.put(s.port, s);
        for (DraftService s : d.services) {
            for (Evidence source : evidence(s, files)) {
                Matcher m = LOCAL_PORT.matcher(source.text());
                while (m.find()) {
                    DraftService target = owners.get(Integer.parseInt(m.group(1)));
                    if (target == null || target == s || s.dependsOn.contains(target.name) || reaches(d, target, s.name)) continue;
                    s.dependsOn.add(target.name);
                    s.dependsWhy.add(source.where() + " names " + m.group() + ", which " + target.name + " owns");
                }
            }
        }
    }

    /** Text that may name another service's port, and where it was found (for the comment). */
    private record Evidence(String where, String text) {}

    private static List<Evidence> evidence(DraftService s, ProjectFiles files) {
        List<Evidence> out = new ArrayList<>();
        for (String e : s.detection.evidence()) out.add(new Evidence("its command (" + e + ")", e));
        String folder = s.detection.folder();
        for (String f : CONFIG_FILES) {
            String path = ProjectFiles.join(folder, f);
            files.read(path).ifPresent(text -> out.add(new Evidence(path, text)));
        }
        files.read(ProjectFiles.join(folder, "package.json")).ifPresent(json -> {
            try {
                PackageJson.parse(json, "package.json").proxy()
                        .ifPresent(p -> out.add(new Evidence(ProjectFiles.join(folder, "package.json") + " \"proxy\"", p)));
            } catch (IllegalArgumentException e) {
                // not ours to report: this is only evidence
            }
        });
        if (!folder.isEmpty()) {
            for (String f : ENV_FILES) {
                String path = ProjectFiles.join(folder, f);
                files.read(path).ifPresent(text -> out.add(new Evidence(path, text)));
            }
        }
        return out;
    }

    /** Whether {@code from} already depends on {@code name}, directly or not (a new edge must not close a cycle). */
    private static boolean reaches(Draft d, DraftService from, String name) {
        Set<String> seen = new HashSet<>();
        List<DraftService> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            DraftService s = todo.remove(todo.size() - 1);
            if (!seen.add(s.name)) continue;
            for (String dep : s.dependsOn) {
                if (dep.equals(name)) return true;
                DraftService next = d.service(dep);
                if (next != null) todo.add(next);
            }
        }
        return false;
    }
}
