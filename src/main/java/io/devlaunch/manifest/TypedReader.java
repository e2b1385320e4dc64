package io.devlaunch.manifest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed, problem-collecting access to one block of a resolved manifest. A wrong value becomes a
 * {@link Problem} naming file:line and the full key path, and the getter returns empty, so one
 * pass reports every mistake instead of stopping at the first.
 *
 * <p>No string it returns holds a NUL character: every one of them may end up as a path, an
 * argument, an environment variable or a socket address, and none of those can hold one (the JDK
 * throws on it, or the OS cuts the string there).
 */
final class TypedReader {
    /** Durations are added to clock readings, so they stay far from overflowing; no timeout or window needs more. */
    static final Duration LONGEST = Duration.ofDays(1);

    private final Config config;
    private final String prefix;
    private final Path file;
    private final List<Problem> problems;

    TypedReader(Config config, String prefix, Path file, List<Problem> problems) {
        this.config = config;
        this.prefix = prefix;
        this.file = file;
        this.problems = problems;
    }

    /** The block under {@code key}; the caller has checked that it is one. */
    TypedReader child(String key) {
        return new TypedReader(config.getConfig(quote(key)), prefix + key + ".", file, problems);
    }

    boolean has(String key) {
        return config.hasPath(quote(key));
    }

    String path(String key) {
        return prefix + key;
    }

    Location location(String key) {
        return has(key) ? locationOf(value(key).origin(), file) : blockLocation();
    }

    Location blockLocation() {
        return locationOf(config.root().origin(), file);
    }

    void problem(String key, String message) {
        problems.add(new Problem(location(key), path(key) + " " + message));
    }

    void problem(ConfigValue at, String message) {
        problems.add(new Problem(locationOf(at.origin(), file), message));
    }

    ConfigValueType type(String key) {
        return value(key).valueType();
    }

    ConfigValue value(String key) {
        return config.getValue(quote(key));
    }

    Optional<String> string(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValueType t = type(key);
        if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST) {
            problem(key, "must be a string, not " + describe(t));
            return Optional.empty();
        }
        return plain(value(key), path(key));
    }

    Optional<Boolean> bool(String key) {
        if (!has(key)) return Optional.empty();
        try {
            return Optional.of(config.getBoolean(quote(key)));
        } catch (ConfigException.WrongType e) {
            problem(key, "must be true or false, got " + render(key));
            return Optional.empty();
        }
    }

    /** A whole number within [min, max]: 8000 or "8000", never 80.5 (Typesafe's getInt would make that 80). */
    Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) return Optional.empty();
        OptionalLong v = wholeNumber(value(key));
        if (v.isEmpty()) {
            problem(key, "must be a whole number, got " + render(key) + "; use one from " + min + " to " + max);
            return Optional.empty();
        }
        if (v.getAsLong() < min || v.getAsLong() > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + render(key));
            return Optional.empty();
        }
        return Optional.of((int) v.getAsLong());
    }

    Optional<List<Integer>> intList(String key, int min, int max) {
        if (!has(key)) return Optional.empty();
        if (type(key) != ConfigValueType.LIST) {
            problem(key, "must be a list of whole numbers, e.g. [8000, 8001], got " + render(key));
            return Optional.empty();
        }
        List<Integer> out = new ArrayList<>();
        for (ConfigValue item : (ConfigList) value(key)) {
            OptionalLong v = wholeNumber(item);
            if (v.isEmpty() || v.getAsLong() < min || v.getAsLong() > max) {
                problem(item, path(key) + " must hold whole numbers from " + min + " to " + max + ", found "
                        + render(item));
                return Optional.empty();
            }
            out.add((int) v.getAsLong());
        }
        return Optional.of(out);
    }

    /** A positive duration with a unit; bare numbers are refused because HOCON reads them as ms. */
    Optional<Duration> duration(String key) {
        if (!has(key)) return Optional.empty();
        if (type(key) == ConfigValueType.NUMBER) {
            problem(key, "= " + render(key) + " has no unit; write e.g. " + render(key) + "s (HOCON would read a bare number as milliseconds)");
            return Optional.empty();
        }
        try {
            Duration d = config.getDuration(quote(key));
            if (d.isNegative() || d.isZero()) {
                problem(key, "must be longer than zero, got " + render(key));
                return Optional.empty();
            }
            if (d.compareTo(LONGEST) > 0) {
                problem(key, "must be at most 1d (24h), got " + render(key));
                return Optional.empty();
            }
            return Optional.of(d);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            problem(key, "is not a duration: " + render(key) + " (use a number and a unit: 500ms, 10s, 2m)");
            return Optional.empty();
        }
    }

    /** A size in bytes with a unit ({@code 10MiB}, {@code 512kB}); a bare number is refused, as for durations. */
    Optional<Long> size(String key, long min, String minShown) {
        if (!has(key)) return Optional.empty();
        if (type(key) == ConfigValueType.NUMBER) {
            problem(key, "= " + render(key) + " has no unit; write e.g. 10MiB or 512KiB");
            return Optional.empty();
        }
        try {
            long v = config.getBytes(quote(key));
            if (v < min) {
                problem(key, "must be at least " + minShown + ", got " + render(key));
                return Optional.empty();
            }
            return Optional.of(v);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            problem(key, "is not a size: " + render(key) + " (use a number and a unit: 64KiB, 10MiB, 1GiB)");
            return Optional.empty();
        }
    }

    /** A string or a list of strings, as a list. */
    Optional<List<String>> stringOrList(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValueType t = type(key);
        if (t == ConfigValueType.LIST) return stringList(key);
        return string(key).map(List::of);
    }

    Optional<List<String>> stringList(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValue v = value(key);
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "must be a list, e.g. [a, b], not " + describe(v.valueType()));
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue item : (ConfigList) v) {
            if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST
                    || item.valueType() == ConfigValueType.NULL) {
                problem(item, path(key) + " must hold plain values, found " + describe(item.valueType()));
                return Optional.empty();
            }
            Optional<String> s = plain(item, path(key));
            if (s.isEmpty()) return Optional.empty();
            out.add(s.get());
        }
        return Optional.of(out);
    }

    /** NAME = value pairs; the names are environment variable names, so not empty and without '='. */
    Optional<Map<String, String>> environment(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValue v = value(key);
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "must be a block of NAME = value pairs, not " + describe(v.valueType()));
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
            String where = path(key) + "." + Shown.of(e.getKey());
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST) {
                problem(e.getValue(), where + " must be a plain value, not " + describe(t) + " (quote the key if it contains dots)");
                continue;
            }
            String name = e.getKey();
            if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                problem(e.getValue(), path(key) + " has a variable named '" + Shown.of(name) + "'; a name must not be empty or "
                        + "contain '=' or a NUL character (the program would see a different variable), e.g. API_URL");
                continue;
            }
            if (t == ConfigValueType.NULL) out.put(name, "");
            else plain(e.getValue(), where).ifPresent(s -> out.put(name, s));
        }
        return Optional.of(out);
    }

    /** A plain value's text, or empty (and a problem at its line) when it holds a NUL character. */
    Optional<String> plain(ConfigValue v, String path) {
        String s = String.valueOf(v.unwrapped());
        int nul = s.indexOf('\0');
        if (nul < 0) return Optional.of(s);
        problem(v, path + " holds a NUL character (\\0) at position " + (nul + 1) + ", which no path, argument or"
                + " environment variable can hold; remove it");
        return Optional.empty();
    }

    /** A number written whole (8000, 8e3, "8000"), within a long; empty for 80.5, 1e99, "eighty". */
    static OptionalLong wholeNumber(ConfigValue v) {
        Object u = v.unwrapped();
        if (u instanceof Integer || u instanceof Long) return OptionalLong.of(((Number) u).longValue());
        if (u instanceof Double d) {
            // Typesafe Config keeps 80.0 and 8e3 as integers already; a double here has a fraction or is huge.
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? OptionalLong.of(d.longValue()) : OptionalLong.empty();
        }
        if (u instanceof String s && s.trim().matches("[+-]?[0-9]{1,15}")) return OptionalLong.of(Long.parseLong(s.trim()));
        return OptionalLong.empty();
    }

    String render(String key) {
        return render(value(key));
    }

    /** A value as written, for a message: strings quoted, blocks and lists on one line, all cut to size. */
    static String render(ConfigValue v) {
        if (v.valueType() == ConfigValueType.STRING) return Shown.quoted((String) v.unwrapped());
        return Shown.of(v.render(com.typesafe.config.ConfigRenderOptions.concise()));
    }

    static String describe(ConfigValueType t) {
        return switch (t) {
            case OBJECT -> "a block { … }";
            case LIST -> "a list";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case STRING -> "a string";
        };
    }

    static Location locationOf(ConfigOrigin origin, Path fallback) {
        Path f = fallback;
        if (origin != null && origin.filename() != null) {
            try {
                f = Path.of(origin.filename());
            } catch (java.nio.file.InvalidPathException ignored) {
                // the manifest itself, then
            }
        }
        return new Location(f, origin == null ? 0 : Math.max(0, origin.lineNumber()));
    }

    static String quote(String key) {
        return com.typesafe.config.ConfigUtil.joinPath(key);
    }
}
