package io.devlaunch.manifest;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigOriginFactory;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code include} works in a manifest: files only, each relative to the folder of the file
 * that includes it, and every failure said in words, at the line of the include.
 *
 * <p>Typesafe Config's own includer differs in four ways we do not want: {@code file("x")} is
 * relative to the working directory (so a manifest found in a parent folder includes something
 * else), {@code url(…)} fetches over the network while a command starts (and can hang there), a
 * missing sibling falls back to devlaunch's own classpath, and its errors read
 * {@code java.io.FileNotFoundException: x.conf (No such file or directory)} with no line. It also
 * opens whatever the name points at; a FIFO or device named {@code x.conf} would block the read.
 */
final class Includes implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    private static final Pattern INCLUDE = Pattern.compile(
            "\\binclude\\s+(?:required\\s*\\(\\s*)?(?:(?:file|url|classpath)\\s*\\(\\s*)?\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    private final Path manifest;
    /**
     * The files being read for the includes in progress, innermost first (one include reads up to
     * three: x.conf, x.json, x.properties). The innermost is the file an include is written in; an
     * include of any of them is a loop.
     */
    private final Deque<List<Path>> reading = new ArrayDeque<>();

    Includes(Path manifest) {
        this.manifest = manifest;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this;                // never Typesafe's includer: see the class comment
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        if (looksLikeUrl(what)) throw notAFile(what, "\"" + what + "\"", "a URL");
        return includeFile(context, what, "\"" + what + "\"");
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        return includeFile(context, what.getPath(), "file(\"" + what.getPath() + "\")");
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        if (!"file".equals(what.getProtocol())) throw notAFile(what.toString(), "url(\"" + what + "\")", "a URL");
        try {
            return includeFile(context, Path.of(what.toURI()).toString(), "url(\"" + what + "\")");
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw problem(what.toString(), "url(\"" + what + "\")", "not a file URL devlaunch can read");
        }
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw notAFile(what, "classpath(\"" + what + "\")", "devlaunch's own classpath");
    }

    private ConfigObject includeFile(ConfigIncludeContext context, String written, String shown) {
        Path folder = includingFile().getParent();
        Path target;
        try {
            target = folder.resolve(written).normalize();
        } catch (InvalidPathException e) {
            throw problem(written, shown, "not a valid path (" + e.getReason() + ")");
        }
        boolean required = !context.parseOptions().getAllowMissing();
        // Typesafe Config reads x.conf as it is, and x as x.conf, x.json and x.properties merged.
        String name = target.getFileName() == null ? "" : target.getFileName().toString();
        boolean exact = name.endsWith(".conf") || name.endsWith(".json") || name.endsWith(".properties");
        List<Path> candidates = exact ? List.of(target)
                : List.of(sibling(target, ".conf"), sibling(target, ".json"), sibling(target, ".properties"));
        List<Path> files = new ArrayList<>();
        for (Path p : candidates) {
            if (!Files.exists(p)) continue;
            if (!Files.isRegularFile(p)) throw problem(written, shown, DisplayPath.of(p) + " is not a regular file");
            if (!Files.isReadable(p)) throw problem(written, shown, "cannot read " + DisplayPath.of(p) + " (permission denied)");
            files.add(p);
        }
        if (files.isEmpty()) {
            if (!required) return ConfigFactory.empty(shown).root();         // include "x" is optional by design
            throw problem(written, shown, (exact ? "file not found" : "none of " + name + ".conf, " + name + ".json or "
                    + name + ".properties found") + " (relative to " + DisplayPath.of(folder) + ")");
        }
        if (files.contains(manifest) || reading.stream().flatMap(List::stream).anyMatch(files::contains)) {
            // Typesafe Config would go 50 deep and then print the whole stack of files
            List<String> loop = new ArrayList<>();
            loop.add(manifest.getFileName().toString());
            reading.descendingIterator().forEachRemaining(f -> loop.add(f.get(0).getFileName().toString()));
            loop.add(files.get(0).getFileName().toString());
            throw problem(written, shown, "includes itself (" + String.join(" → ", loop) + "); remove one of these includes");
        }
        reading.push(files);
        try {
            // Each file by itself, .conf over .json over .properties as Typesafe Config merges them:
            // its own parseFileAnySyntax drops an error inside one of them if it finds nothing else.
            ConfigObject merged = null;
            for (Path f : files) {
                ConfigObject o = ConfigFactory.parseFile(f.toFile(), context.parseOptions().setAllowMissing(false)).root();
                merged = merged == null ? o : merged.withFallback(o);
            }
            return merged;
        } catch (IncludeProblem e) {
            throw e;                    // from an include inside that file: already said in words
        } catch (ConfigException.IO e) {
            throw problem(written, shown, "cannot read " + DisplayPath.of(files.get(0)) + " (" + reason(e) + ")");
        } finally {
            reading.pop();
        }
    }

    /** The file the include being read is written in. */
    private Path includingFile() {
        return reading.isEmpty() ? manifest : reading.peek().get(0);
    }

    private static Path sibling(Path target, String extension) {
        return target.resolveSibling(target.getFileName() + extension);
    }

    private static boolean looksLikeUrl(String what) {
        try {
            new URL(what);
            return true;
        } catch (MalformedURLException e) {
            return false;
        }
    }

    private IncludeProblem notAFile(String written, String shown, String source) {
        return problem(written, shown, "devlaunch includes files only, not " + source + "; put the file beside "
                + manifest.getFileName() + " and write include \"name.conf\"");
    }

    /** A problem at the include's line in the file that has it, said in words. */
    private IncludeProblem problem(String written, String shown, String what) {
        Path from = includingFile();
        ConfigOrigin at = ConfigOriginFactory.newFile(from.toString());
        int line = lineOf(from, written);
        if (line > 0) at = at.withLineNumber(line);
        return new IncludeProblem(at, "include " + Shown.of(shown) + ": " + what);
    }

    /** Ours, so that a file including another that fails passes the inner message on unchanged. */
    private static final class IncludeProblem extends ConfigException.IO {
        private static final long serialVersionUID = 1L;

        IncludeProblem(ConfigOrigin origin, String message) {
            super(origin, message);
        }
    }

    // Only after something failed: no cost on the way to a good manifest.
    private static int lineOf(Path file, String written) {
        try {
            String text = Files.readString(file);
            Matcher m = INCLUDE.matcher(text);
            while (m.find()) {
                if (m.group(1).equals(written)) return 1 + (int) text.chars().limit(m.start()).filter(c -> c == '\n').count();
            }
        } catch (IOException | RuntimeException e) {
            // no line then
        }
        return 0;
    }

    private static String reason(ConfigException.IO e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        String m = cause.getMessage() == null ? "" : cause.getMessage();
        int paren = m.lastIndexOf(" (");
        return paren >= 0 && m.endsWith(")") ? m.substring(paren + 2, m.length() - 1) : "an I/O error";
    }
}
