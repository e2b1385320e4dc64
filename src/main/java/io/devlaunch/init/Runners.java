package io.devlaunch.init;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scripts that run several others at once — {@code concurrently "npm:dev:*"},
 * {@code concurrently "npm run dev:api" "npm run dev:web"}, {@code npm-run-all -p dev:*},
 * {@code run-p dev:*} — read as the list of what they run, each a service of its own.
 */
final class Runners {
    private Runners() {}

    /** One thing a runner starts: a script of package.json (then {@code script} is its name) or a shell command of its own. */
    record Part(String name, String script, String command) {}

    /** What a runner script runs in parallel, and what it runs before, in sequence (npm-run-all's -s groups). */
    record Expansion(List<Part> parallel, List<String> sequential) {}

    private static final Set<String> CONCURRENTLY_VALUE_OPTIONS = Set.of("-n", "--names", "-c", "--prefix-colors", "-p", "--prefix",
            "-s", "--success", "--restart-tries", "--restart-after", "-t", "--timestamp-format", "-l", "--prefix-length", "-m",
            "--max-processes", "--hide", "--default-input-target", "--name-separator", "--teardown");
    private static final Set<String> RUN_ALL_VALUE_OPTIONS = Set.of("--max-parallel", "--npm-path");

    /** Null when {@code body} is not a runner of several scripts. */
    static Expansion expand(String self, String body, Map<String, String> scripts) {
        List<String> words = ShellWords.split(body);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).substring(words.get(i).lastIndexOf('/') + 1);
            List<String> args = words.subList(i + 1, words.size());
            Expansion e = switch (w) {
                case "concurrently" -> concurrently(self, args, scripts);
                case "npm-run-all", "npm-run-all2" -> runAll(self, args, scripts, false);
                case "run-p" -> runAll(self, args, scripts, true);
                default -> null;
            };
            if (e != null) return e.parallel().size() < 1 ? null : e;
        }
        return null;
    }

    private static Expansion concurrently(String self, List<String> args, Map<String, String> scripts) {
        List<String> names = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) continue;
            if (a.startsWith("-")) {
                String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                String value = a.contains("=") ? a.substring(a.indexOf('=') + 1)
                        : CONCURRENTLY_VALUE_OPTIONS.contains(option) && i + 1 < args.size() ? args.get(++i) : null;
                if ((option.equals("-n") || option.equals("--names")) && value != null) names.addAll(List.of(value.split(",")));
                continue;
            }
            int colon = a.indexOf(':');
            if (colon > 0 && Set.of("npm", "yarn", "pnpm", "bun").contains(a.substring(0, colon)) && !a.contains(" ")) {
                parts.addAll(matching(self, a.substring(colon + 1), scripts, true));
            } else {
                String script = scriptRun(a, scripts);
                parts.add(new Part(null, script, script == null ? a : null));
            }
        }
        for (int i = 0; i < parts.size() && i < names.size(); i++) {
            Part p = parts.get(i);
            parts.set(i, new Part(names.get(i).strip(), p.script(), p.command()));
        }
        return new Expansion(parts, List.of());
    }

    private static Expansion runAll(String self, List<String> args, Map<String, String> scripts, boolean parallel) {
        List<Part> parts = new ArrayList<>();
        List<String> sequential = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) break;       // arguments for the scripts themselves
            if (a.equals("-p") || a.equals("--parallel")) parallel = true;
            else if (a.equals("-s") || a.equals("--sequential") || a.equals("--serial")) parallel = false;
            else if (RUN_ALL_VALUE_OPTIONS.contains(a)) i++;
            else if (!a.startsWith("-")) {
                List<Part> found = matching(self, a, scripts, false);
                if (parallel) parts.addAll(found);
                else for (Part p : found) sequential.add(p.script());
            }
        }
        return new Expansion(parts, sequential);
    }

    /** {@code npm run dev:api} (or yarn/pnpm/bun) naming a script of this package.json → that script's name. */
    private static String scriptRun(String command, Map<String, String> scripts) {
        List<String> w = ShellWords.split(command);
        if (w.size() < 2 || !Set.of("npm", "yarn", "pnpm", "bun").contains(w.get(0))) return null;
        int i = w.get(1).equals("run") || w.get(1).equals("run-script") ? 2 : 1;
        if (i >= w.size() || w.size() > i + 1 || w.get(0).equals("npm") && i == 1) return null;
        return scripts.containsKey(w.get(i)) ? w.get(i) : null;
    }

    /**
     * Scripts matching a pattern: concurrently's {@code *} matches anything and names the part by what it matched;
     * npm-run-all's {@code *} stops at ':' and {@code **} does not. The runner itself never matches.
     */
    private static List<Part> matching(String self, String pattern, Map<String, String> scripts, boolean concurrentlyStyle) {
        String exclude = null;
        int bang = pattern.indexOf("(!");
        if (bang >= 0 && pattern.endsWith(")")) {
            exclude = pattern.substring(bang + 2, pattern.length() - 1);
            pattern = pattern.substring(0, bang);
        }
        List<Part> out = new ArrayList<>();
        if (!pattern.contains("*")) {
            if (scripts.containsKey(pattern) && !pattern.equals(self)) out.add(new Part(null, pattern, null));
            return out;
        }
        StringBuilder re = new StringBuilder();
        for (String piece : pattern.split("(?=\\*)|(?<=\\*)")) {
            if (piece.equals("*")) re.append(concurrentlyStyle ? "(.*)" : "([^:]*)");
            else re.append(Pattern.quote(piece));
        }
        Pattern p = Pattern.compile(re.toString().replace("([^:]*)([^:]*)", "(.*)"));
        for (String name : scripts.keySet()) {
            var m = p.matcher(name);
            if (!m.matches() || name.equals(self)) continue;
            if (exclude != null && m.groupCount() > 0 && m.group(1).equals(exclude)) continue;
            out.add(new Part(concurrentlyStyle && m.groupCount() > 0 && !m.group(1).isEmpty() ? m.group(1) : null, name, null));
        }
        return out;
    }
}
