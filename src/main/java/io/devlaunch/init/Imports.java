package io.devlaunch.init;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Steps every importer shares: health checks from what was detected, one owner per port, dependencies with clear evidence. */
final class Imports {
    private Imports() {}

    private static final Pattern LOCAL_PORT = Pattern.compile("(?:localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1\\]):(\\d{2,5})(?![0-9])");
    /**
     * Where a dev server is told which backend to proxy to, and the dev servers that read each file: a file is
     * evidence only for the service that reads it (Express beside a vite.config.ts does not proxy through it).
     * No framework stands for a dev server devlaunch does not recognise ({@code ng serve} reads angular.json).
     */
    private static final Map<String, Set<Framework>> CONFIG_FILES = configFiles();

    private static Map<String, Set<Framework>> configFiles() {
        Map<String, Set<Framework>> m = new LinkedHashMap<>();
        for (String ext : List.of("ts", "js", "mjs", "mts", "cjs")) m.put("vite.config." + ext, Set.of(Framework.VITE, Framework.VITE_PREVIEW));
        for (String ext : List.of("js", "mjs", "ts")) m.put("next.config." + ext, Set.of(Framework.NEXT));
        m.put("src/setupProxy.js", Set.of(Framework.CRA));
        m.put("angular.json", Set.of());
        m.put("proxy.conf.json", Set.of());
        return m;
    }
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
            // Named by its var when it has one: the number would go stale once someone edits vars.
            String port = s.portVar != null ? "its port (vars." + s.portVar + ")" : "port " + s.port;
            s.healthWhy = "ready when " + port + " accepts connections" + (d.healthWhy() == null ? "" : " — " + d.healthWhy());
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

    /**
     * A service whose own proxy config, env file or command names another service's port starts after it: the one
     * that proxies depends on the one proxied to. Comments are stripped first; they are no evidence.
     */
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
        Framework fw = s.detection.framework();
        for (Map.Entry<String, Set<Framework>> f : CONFIG_FILES.entrySet()) {
            if (fw == null ? !f.getValue().isEmpty() : !f.getValue().contains(fw)) continue;
            String path = ProjectFiles.join(folder, f.getKey());
            files.read(path).ifPresent(text -> out.add(new Evidence(path, Comments.stripJs(text))));
        }
        // Create React App's dev server proxies unknown requests to package.json's "proxy"; nothing else reads it.
        if (fw == Framework.CRA) files.read(ProjectFiles.join(folder, "package.json")).ifPresent(json -> {
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
                files.read(path).ifPresent(text -> out.add(new Evidence(path, Comments.stripHash(text))));
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
