package io.devlaunch.watch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which paths a service's watch skips: the built-in list, then the project's {@code .gitignore},
 * then the service's {@code watch-ignore}, all in .gitignore syntax and the last matching rule
 * winning, so a user's {@code watch-ignore = ["!build/"]} can take back a built-in.
 *
 * <p>The supported subset of .gitignore: blank lines and {@code #} comments; {@code !negation};
 * a trailing {@code /} (folders only); a pattern without a slash matches a name at any depth; one
 * with a leading or inner slash is anchored to the file's folder ({@code /out}, {@code docs/*.html});
 * {@code *}, {@code ?}, {@code [..]}, {@code **}{@code /x}, {@code x/**}, {@code a/**}{@code /b}.
 * Not supported: nested .gitignore files, {@code .git/info/exclude}, the global excludes file, and
 * trailing-space escapes. As in git, a path inside an ignored folder cannot be re-included: the
 * folder is never watched, which is the point (node_modules costs nothing).
 *
 * <p>Callers test each path as they descend, so a rule only needs to match the path itself, never
 * its parents: a folder that matched was never entered.
 */
final class IgnoreRules {
    /** PRODUCT.md's list, plus vim's second swap file and JetBrains' safe-write temporaries. */
    static final List<String> BUILT_IN = List.of(
            ".git/", ".devlaunch/", "node_modules/", "__pycache__/", ".venv/", "venv/",
            "target/", "build/", "dist/", "*.pyc",
            "*.swp", "*.swo", "*.swx", "*~", ".#*", "4913", "*___jb_tmp___", "*___jb_old___");

    private record Rule(Path anchor, Pattern pattern, boolean basename, boolean dirOnly, boolean negate) {}

    private final List<Rule> rules = new ArrayList<>();

    /**
     * @param base        the service's folder: anchor of the built-ins and of {@code watch-ignore}
     * @param gitignore   the project's .gitignore, or null; absent or unreadable means no rules
     * @param watchIgnore the service's own patterns
     */
    static IgnoreRules of(Path base, Path gitignore, List<String> watchIgnore) {
        IgnoreRules r = new IgnoreRules();
        // Built-ins hold everywhere, also for an entry outside the service's folder ("../shared").
        Path everywhere = base.toAbsolutePath().getRoot();
        for (String line : BUILT_IN) r.add(everywhere, line);
        if (gitignore != null && Files.isRegularFile(gitignore)) {
            try {
                for (String line : Files.readAllLines(gitignore, StandardCharsets.UTF_8)) {
                    r.add(gitignore.toAbsolutePath().normalize().getParent(), line);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // An unreadable .gitignore only makes the watch noisier; it is no reason to fail.
            }
        }
        for (String line : watchIgnore) r.add(base, line);
        return r;
    }

    private void add(Path anchor, String raw) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) return;
        boolean negate = line.startsWith("!");
        if (negate) line = line.substring(1);
        if (line.startsWith("\\")) line = line.substring(1); // "\#file", "\!file"
        boolean dirOnly = line.endsWith("/");
        if (dirOnly) line = line.substring(0, line.length() - 1);
        if (line.isEmpty()) return;
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) line = line.substring(1);
        rules.add(new Rule(anchor.toAbsolutePath().normalize(), Glob.compile(line), !anchored, dirOnly, negate));
    }

    /** True when this path is skipped; {@code dir} says whether it is a folder (for "name/" rules). */
    boolean ignored(Path path, boolean dir) {
        Path abs = path.isAbsolute() ? path : path.toAbsolutePath().normalize(); // the watcher's are already
        Path name = abs.getFileName();
        if (name == null) return false;
        boolean ignored = false;
        for (Rule rule : rules) {
            if (rule.dirOnly && !dir) continue;
            if (!abs.startsWith(rule.anchor) || abs.equals(rule.anchor)) continue;
            String subject = rule.basename ? name.toString() : slashed(rule.anchor.relativize(abs));
            if (rule.pattern.matcher(subject).matches()) ignored = !rule.negate;
        }
        return ignored;
    }

    static String slashed(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
