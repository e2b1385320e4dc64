package io.devlaunch.manifest;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Commands in a manifest: a list is exec'd, a string goes through the shell. */
final class CommandReader {
    private CommandReader() {}

    static Optional<Command> command(TypedReader r, String key) {
        if (!r.has(key)) return Optional.empty();
        return commandFrom(r, r.value(key), r.path(key));
    }

    /** A list of commands, each a string (shell) or a list (exec); a single string is one command. */
    static Optional<List<Command>> commands(TypedReader r, String key) {
        if (!r.has(key)) return Optional.empty();
        ConfigValue v = r.value(key);
        if (v.valueType() != ConfigValueType.LIST) return commandFrom(r, v, r.path(key)).map(List::of);
        List<Command> out = new ArrayList<>();
        int i = 0;
        for (ConfigValue item : (ConfigList) v) {
            Optional<Command> c = commandFrom(r, item, r.path(key) + "[" + i++ + "]");
            if (c.isEmpty()) return Optional.empty();
            out.add(c.get());
        }
        return Optional.of(out);
    }

    private static Optional<Command> commandFrom(TypedReader r, ConfigValue v, String path) {
        if (v.valueType() == ConfigValueType.STRING) {
            Optional<String> line = r.plain(v, path).map(String::trim);
            if (line.isEmpty()) return Optional.empty();
            if (line.get().isEmpty()) {
                r.problem(v, path + " is empty; give the command to run");
                return Optional.empty();
            }
            return Optional.of(Command.shell(line.get()));
        }
        if (v.valueType() == ConfigValueType.LIST) {
            List<String> argv = new ArrayList<>();
            for (ConfigValue item : (ConfigList) v) {
                if (item.valueType() == ConfigValueType.OBJECT || item.valueType() == ConfigValueType.LIST) {
                    r.problem(v, path + " must be a list of words, found " + TypedReader.describe(item.valueType()));
                    return Optional.empty();
                }
                Optional<String> word = r.plain(item, path);
                if (word.isEmpty()) return Optional.empty();
                argv.add(word.get());
            }
            if (argv.isEmpty() || argv.get(0).isBlank()) {
                r.problem(v, path + " is empty; give the program and its arguments, e.g. [\"npm\", \"run\", \"dev\"]");
                return Optional.empty();
            }
            return Optional.of(Command.exec(argv));
        }
        r.problem(v, path + " must be a string (run by the shell) or a list (exec'd), not "
                + TypedReader.describe(v.valueType()));
        return Optional.empty();
    }
}
