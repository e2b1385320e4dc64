package io.devlaunch.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a command for what it starts: a dev server it recognises, a port it names, {@code $PORT},
 * and the folder it runs in. Follows {@code cd DIR &&} and {@code npm|yarn|pnpm|bun run SCRIPT}
 * (also {@code --prefix/-w/--workspace/--cwd/-C/--dir DIR}) into that folder's package.json.
 */
final class Detect {
    private static final int MAX_FOLLOW = 4;
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)");
    private static final Pattern PORT_ENV = Pattern.compile("\\$\\{?PORT\\b");
    private static final Pattern HOST_PORT = Pattern.compile("(?:.*:)?(\\d{1,5})");
    private static final Set<String> PACKAGE_MANAGERS = Set.of("npm", "yarn", "pnpm", "bun");
    private static final Set<String> FOLDER_OPTIONS = Set.of("--prefix", "-w", "--workspace", "--cwd", "-C", "--dir", "--filter");

    private final ProjectFiles files;
    private final NodeEntry nodeEntry;

    Detect(ProjectFiles files) {
        this.files = files;
        this.nodeEntry = new NodeEntry(files);
    }

    Detection of(String command) {
        return of(command, "", 0);
    }

    private Detection of(String command, String folder, int depth) {
        Detection best = Detection.nothing(folder);
        List<String> evidence = new ArrayList<>();
        boolean portEnv = PORT_ENV.matcher(command).find();
        for (String segment : command.split("&&|;|\\|\\|")) {
            List<String> words = ShellWords.split(segment.strip());
            if (words.isEmpty()) continue;
            if (words.get(0).equals("cd") && words.size() > 1) {
                folder = ProjectFiles.join(folder, words.get(1)).replaceAll("/+$", "");
                best = Detection.nothing(folder);
                continue;
            }
            Detection d = segment(words, folder, depth, evidence);
            if (d.framework() != null || d.port() != null || best.framework() == null && best.port() == null) best = d;
        }
        return new Detection(best.framework(), best.port(), best.portSource(), portEnv || best.usesPortEnv(), best.folder(),
                List.copyOf(concat(evidence, best.evidence())), best.healthPath(), best.healthWhy());
    }

    private Detection segment(List<String> words, String folder, int depth, List<String> evidence) {
        int i = 0;
        Integer port = null;
        String portSource = null;
        for (; i < words.size(); i++) {
            Matcher a = ASSIGNMENT.matcher(words.get(i));
            if (!a.matches()) break;
            evidence.add(words.get(i));
            if (a.group(1).equals("PORT") && a.group(2).matches("\\d{1,5}")) {
                port = Integer.valueOf(a.group(2));
                portSource = words.get(i);
            }
        }
        List<String> rest = words.subList(i, words.size());
        Optional<Detection> followed = follow(rest, folder, depth);
        if (followed.isPresent()) {
            Detection f = followed.get();
            if (port == null) return f;
            return new Detection(f.framework(), port, portSource, f.usesPortEnv(), f.folder(), f.evidence(), f.healthPath(), f.healthWhy());
        }
        Framework fw = framework(rest);
        if (port == null) {
            String[] found = namedPort(rest, fw);
            if (found != null) {
                port = Integer.valueOf(found[0]);
                portSource = found[1];
            }
        }
        boolean readsPortEnv = false;
        if (port == null && fw == null) {
            NodeEntry.Found found = nodeEntry.port(rest, folder);
            if (found != null) {
                port = found.port();
                portSource = found.where();
                readsPortEnv = found.readsPortEnv();
            }
        }
        if (port != null && (port < 1 || port > 65_535)) port = null;
        String path = fw == null ? null : fw.healthPath;
        String why = fw == null ? null : fw.healthWhy;
        if (fw == Framework.RAILS && files.read(ProjectFiles.join(folder, "config/routes.rb"))
                .filter(r -> r.contains("rails/health#show")).isPresent()) {
            path = "/up";
            why = "GET /up — config/routes.rb routes it to rails/health#show (Rails 7.1+)";
        }
        return new Detection(fw, port, portSource, readsPortEnv, folder, List.of(), path, why);
    }

    /** {@code npm run dev:web}, {@code npm --workspace web run dev}, {@code yarn --cwd web dev} … → that script's detection. */
    private Optional<Detection> follow(List<String> words, String folder, int depth) {
        if (depth >= MAX_FOLLOW || words.isEmpty() || !PACKAGE_MANAGERS.contains(words.get(0))) return Optional.empty();
        String pm = words.get(0);
        String dir = folder;
        String script = null;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) break;
            String option = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            // npm reads its own options after the script's name too (npm start --prefix client); yarn and pnpm pass them on.
            if (script != null && !(pm.equals("npm") && FOLDER_OPTIONS.contains(option))) continue;
            if (FOLDER_OPTIONS.contains(option)) {
                String value = w.contains("=") ? w.substring(w.indexOf('=') + 1) : (i + 1 < words.size() ? words.get(++i) : "");
                String candidate = ProjectFiles.join(folder, value);
                if (files.isDirectory(candidate)) dir = candidate;
                else if (files.isDirectory(ProjectFiles.join(folder, "packages/" + value))) dir = ProjectFiles.join(folder, "packages/" + value);
            } else if (w.equals("run") || w.equals("run-script")) {
                // the next word is the script
            } else if (w.startsWith("-")) {
                // another option of the package manager
            } else {
                script = w;
            }
        }
        if (script == null || pm.equals("npm") && !words.contains("run") && !words.contains("run-script")
                && !Set.of("start", "test").contains(script)) {
            return Optional.empty();
        }
        String target = script;
        String where = dir;
        Optional<String> body = files.read(ProjectFiles.join(where, "package.json")).flatMap(json -> {
            try {
                return Optional.ofNullable(PackageJson.parse(json, "package.json").scripts().get(target));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
        return body.map(b -> of(b, where, depth + 1));
    }

    static Framework framework(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String w = base(words.get(i));
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            switch (w) {
                case "uvicorn":
                    return Framework.UVICORN;
                case "fastapi":
                    if (next.equals("dev") || next.equals("run")) return Framework.UVICORN;
                    break;
                case "flask":
                    if (words.subList(i, words.size()).contains("run")) return Framework.FLASK;
                    break;
                case "gunicorn":
                    return Framework.GUNICORN;
                case "puma":
                    return Framework.PUMA;
                case "vite":
                    if (next.equals("build")) return null;
                    return next.equals("preview") ? Framework.VITE_PREVIEW : Framework.VITE;
                case "next":
                    if (next.equals("dev") || next.equals("start")) return Framework.NEXT;
                    break;
                case "rails":
                    if (next.equals("s") || next.equals("server")) return Framework.RAILS;
                    break;
                case "http.server":
                    return Framework.HTTP_SERVER;
                case "react-scripts", "craco":
                    if (next.equals("start")) return Framework.CRA;
                    break;
                default:
                    if ((w.equals("manage.py") || w.equals("django-admin")) && next.equals("runserver")) return Framework.DJANGO;
            }
        }
        return null;
    }

    /** {port, how the command names it}, or null. */
    private static String[] namedPort(List<String> words, Framework fw) {
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if ((w.equals("--port") || w.equals("-p") || w.equals("-P") && fw == Framework.RAILS) && next.matches("\\d{1,5}")) {
                return new String[] {next, w + " " + next};
            }
            if (w.matches("--port=\\d{1,5}") || w.matches("-p=\\d{1,5}")) return new String[] {w.substring(w.indexOf('=') + 1), w};
            if (w.equals("-b") || w.equals("--bind")) {
                Matcher m = HOST_PORT.matcher(next);
                if (m.matches()) return new String[] {m.group(1), w + " " + next};
            }
            if (w.startsWith("--bind=")) {
                Matcher m = HOST_PORT.matcher(w.substring(7));
                if (m.matches()) return new String[] {m.group(1), w};
            }
            if ((w.equals("runserver") && fw == Framework.DJANGO || w.equals("http.server") && fw == Framework.HTTP_SERVER)
                    && !next.startsWith("-")) {
                Matcher m = HOST_PORT.matcher(next);
                if (m.matches()) return new String[] {m.group(1), w + " " + next};
            }
        }
        return null;
    }

    /** {@code ./node_modules/.bin/vite} → {@code vite}, {@code bin/rails} → {@code rails}. */
    static String base(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String s : b) if (!out.contains(s)) out.add(s);
        return out;
    }
}
