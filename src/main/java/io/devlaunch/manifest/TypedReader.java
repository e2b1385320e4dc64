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

/**
 * Typed, problem-collecting access to one block of a resolved manifest. A wrong value becomes a
 * {@link Problem} naming file:line and the full key path, and the getter returns empty, so one
 * pass reports every mistake instead of stopping at the first.
 */
final class TypedReader {
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
        return has(key) ? locationOf(config.getValue(quote(key)).origin(), file) : blockLocation();
    }

    Location blockLocation() {
        return locationOf(config.root().origin(), file);
    }

    void problem(String key, String message) {
        problems.add(new Problem(location(key), path(key) + " " + message));
    }

    ConfigValueType type(String key) {
        return config.getValue(quote(key)).valueType();
    }

    Optional<String> string(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValueType t = type(key);
        if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST) {
            problem(key, "must be a string, not " + describe(t));
            return Optional.empty();
        }
        return Optional.of(config.getString(quote(key)));
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

    Optional<Integer> integer(String key, int min, int max) {
        if (!has(key)) return Optional.empty();
        try {
            int v = config.getInt(quote(key));
            if (v < min || v > max) {
                problem(key, "must be between " + min + " and " + max + ", got " + v);
                return Optional.empty();
            }
            return Optional.of(v);
        } catch (ConfigException.WrongType e) {
            problem(key, "must be a whole number, got " + render(key));
            return Optional.empty();
        }
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
            return Optional.of(d);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            problem(key, "is not a duration: " + render(key) + " (use a number and a unit: 500ms, 10s, 2m)");
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
        ConfigValue v = config.getValue(quote(key));
        if (v.valueType() != ConfigValueType.LIST) {
            problem(key, "must be a list, e.g. [a, b], not " + describe(v.valueType()));
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (ConfigValue item : (ConfigList) v) {
            if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST
                    || item.valueType() == ConfigValueType.NULL) {
                problems.add(new Problem(locationOf(item.origin(), file),
                        path(key) + " must hold plain values, found " + describe(item.valueType())));
                return Optional.empty();
            }
            out.add(String.valueOf(item.unwrapped()));
        }
        return Optional.of(out);
    }

    Optional<List<Integer>> intList(String key, int min, int max) {
        if (!has(key)) return Optional.empty();
        try {
            List<Integer> values = config.getIntList(quote(key));
            for (int v : values) {
                if (v < min || v > max) {
                    problem(key, "must hold numbers between " + min + " and " + max + ", found " + v);
                    return Optional.empty();
                }
            }
            return Optional.of(values);
        } catch (ConfigException.WrongType e) {
            problem(key, "must be a list of whole numbers, e.g. [8000, 8001], got " + render(key));
            return Optional.empty();
        }
    }

    /** A command: a list is exec'd, a string goes through the shell. */
    Optional<Command> command(String key) {
        if (!has(key)) return Optional.empty();
        return commandFrom(config.getValue(quote(key)), path(key));
    }

    /** A list of commands, each a string (shell) or a list (exec); a single string is one command. */
    Optional<List<Command>> commands(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValue v = config.getValue(quote(key));
        if (v.valueType() != ConfigValueType.LIST) return commandFrom(v, path(key)).map(List::of);
        List<Command> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue item : (ConfigList) v) {
            Optional<Command> c = commandFrom(item, path(key) + "[" + i++ + "]");
            if (c.isEmpty()) return Optional.empty();
            out.add(c.get());
        }
        return Optional.of(out);
    }

    Optional<Map<String, String>> stringMap(String key) {
        if (!has(key)) return Optional.empty();
        ConfigValue v = config.getValue(quote(key));
        if (v.valueType() != ConfigValueType.OBJECT) {
            problem(key, "must be a block of NAME = value pairs, not " + describe(v.valueType()));
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : ((ConfigObject) v).entrySet()) {
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST) {
                problems.add(new Problem(locationOf(e.getValue().origin(), file), path(key) + "." + Shown.of(e.getKey())
                        + " must be a plain value, not " + describe(t) + " (quote the key if it contains dots)"));
                continue;
            }
            out.put(e.getKey(), t == ConfigValueType.NULL ? "" : String.valueOf(e.getValue().unwrapped()));
        }
        return Optional.of(out);
    }

    private Optional<Command> commandFrom(ConfigValue v, String path) {
        Location at = locationOf(v.origin(), file);
        if (v.valueType() == ConfigValueType.STRING) {
            String line = ((String) v.unwrapped()).trim();
            if (line.isEmpty()) {
                problems.add(new Problem(at, path + " is empty; give the command to run"));
                return Optional.empty();
            }
            return Optional.of(Command.shell(line));
        }
        if (v.valueType() == ConfigValueType.LIST) {
            List<String> argv = new ArrayList<>();
            for (ConfigValue item : (ConfigList) v) {
                if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
                    problems.add(new Problem(at, path + " must be a list of words, found " + describe(item.valueType())));
                    return Optional.empty();
                }
                argv.add(String.valueOf(item.unwrapped()));
            }
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                problems.add(new Problem(at, path + " is empty; give the program and its arguments, e.g. [\"npm\", \"run\", \"dev\"]"));
                return Optional.empty();
            }
            return Optional.of(Command.exec(argv));
        }
        problems.add(new Problem(at, path + " must be a string (run by the shell) or a list (exec'd), not "
                + describe(v.valueType())));
        return Optional.empty();
    }

    private String render(String key) {
        return render(config.getValue(quote(key)));
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
        Path f = origin != null && origin.filename() != null ? Path.of(origin.filename()) : fallback;
        return new Location(f, origin == null ? 0 : Math.max(0, origin.lineNumber()));
    }

    static String quote(String key) {
        return com.typesafe.config.ConfigUtil.joinPath(key);
    }
}
