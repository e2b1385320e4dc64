package io.devlaunch.watch;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one service watches: its {@code watch} entries resolved against its folder, its ignores and
 * its debounce. Pure data plus path arithmetic; {@link FileWatcher} does the watching.
 *
 * <p>An entry is a literal path (a file, or a folder watched recursively) or a glob such as
 * {@code src/**}{@code /*.py} or {@code *.toml}. A glob is watched from its literal prefix
 * ({@code src}) down, and only as deep as it can match: {@code *.toml} registers one folder.
 */
public final class WatchPlan {
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
    /** A burst that never pauses is still delivered this often, so a service is not starved. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(2);

    /** One entry: {@code root} is where watching starts; {@code maxDepth} counts folders below it. */
    record Target(String entry, Path root, int maxDepth, Pattern glob) {
        boolean literal() {
            return glob == null;
        }
    }

    private final Path base;
    private final List<String> entries;
    private final List<String> ignores;
    private final Path gitignore;
    private final Duration debounce;
    private final Duration maxDelay;
    private final List<Target> targets;

    private WatchPlan(Path base, List<String> entries, List<String> ignores, Path gitignore,
                      Duration debounce, Duration maxDelay) {
        this.base = base.toAbsolutePath().normalize();
        this.entries = List.copyOf(entries);
        this.ignores = List.copyOf(ignores);
        this.gitignore = gitignore;
        this.debounce = Objects.requireNonNull(debounce);
        this.maxDelay = maxDelay.compareTo(debounce) < 0 ? debounce : maxDelay;
        List<Target> t = new ArrayList<>();
        for (String e : this.entries) t.add(target(this.base, e));
        this.targets = List.copyOf(t);
    }

    /** The entries relative to {@code base}; the project's .gitignore defaults to {@code base/.gitignore}. */
    public static WatchPlan of(Path base, List<String> entries) {
        Path b = base.toAbsolutePath().normalize();
        return new WatchPlan(b, entries, List.of(), b.resolve(".gitignore"), DEFAULT_DEBOUNCE, DEFAULT_MAX_DELAY);
    }

    /** {@code watch-ignore}: .gitignore-syntax patterns relative to base, applied after the built-ins. */
    public WatchPlan ignoring(List<String> watchIgnore) {
        return new WatchPlan(base, entries, watchIgnore, gitignore, debounce, maxDelay);
    }

    /** The project's .gitignore (its patterns are relative to its folder), or null for none. */
    public WatchPlan gitignore(Path file) {
        return new WatchPlan(base, entries, ignores, file == null ? null : file.toAbsolutePath().normalize(),
                debounce, maxDelay);
    }

    public WatchPlan debounce(Duration quiet) {
        return new WatchPlan(base, entries, ignores, gitignore, quiet, maxDelay);
    }

    public WatchPlan maxDelay(Duration cap) {
        return new WatchPlan(base, entries, ignores, gitignore, debounce, cap);
    }

    public Path base() { return base; }
    public List<String> entries() { return entries; }
    public List<String> ignores() { return ignores; }
    public Path gitignorePath() { return gitignore; }
    public Duration debounce() { return debounce; }
    public Duration maxDelay() { return maxDelay; }
    List<Target> targets() { return targets; }

    /** A watch entry that is not there (yet): a {@code check} problem, not a crash. */
    public record Missing(String entry, Path path, Path watchedInstead) {
        public String message() {
            return "watch entry \"" + entry + "\" does not exist (" + path + "); devlaunch watches "
                    + (watchedInstead == null ? "nothing" : watchedInstead) + " for it to appear";
        }
    }

    /** The entries whose path (for a glob: its literal prefix, e.g. {@code src} of {@code src/**}) is missing. */
    public static List<Missing> missing(Path base, List<String> entries) {
        Path b = base.toAbsolutePath().normalize();
        List<Missing> out = new ArrayList<>();
        for (String e : entries) {
            Target t = target(b, e);
            Path p = t.root();
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) out.add(new Missing(e, p, nearestExisting(p)));
        }
        return out;
    }

    /** The deepest folder that exists at or above {@code p}: where watching for {@code p} starts. */
    static Path nearestExisting(Path p) {
        Path q = p;
        while (q != null && !Files.isDirectory(q)) q = q.getParent();
        return q;
    }

    static Target target(Path base, String raw) {
        String entry = raw.strip().replace('\\', '/');
        while (entry.startsWith("./")) entry = entry.substring(2);
        while (entry.length() > 1 && entry.endsWith("/")) entry = entry.substring(0, entry.length() - 1);
        if (entry.isEmpty() || entry.equals(".")) return new Target(raw, base, Integer.MAX_VALUE, null);
        if (!Glob.isGlob(entry)) return new Target(raw, base.resolve(entry).normalize(), Integer.MAX_VALUE, null);
        String[] segments = entry.split("/");
        int firstWild = 0;
        while (!Glob.isGlob(segments[firstWild])) firstWild++;
        Path root = base;
        for (int i = 0; i < firstWild; i++) root = root.resolve(segments[i]);
        boolean deep = false;
        for (int i = firstWild; i < segments.length; i++) deep |= segments[i].equals("**");
        int maxDepth = deep ? Integer.MAX_VALUE : segments.length - firstWild - 1;
        return new Target(raw, root.normalize(), maxDepth, Glob.compile(entry));
    }
}
