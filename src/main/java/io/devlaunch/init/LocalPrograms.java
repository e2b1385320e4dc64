package io.devlaunch.init;

import io.devlaunch.process.Executables;
import io.devlaunch.process.ProjectBins;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command whose program is not on PATH but in the project's own virtualenv or node_modules/.bin
 * gets that path written: foreman users activate the environment first, devlaunch's children would
 * not find it otherwise.
 */
final class LocalPrograms {
    /** Leading {@code NAME=value} words, then the program, then the rest. */
    private static final Pattern COMMAND = Pattern.compile("^((?:[A-Za-z_][A-Za-z0-9_]*=\\S*\\s+)*)([A-Za-z0-9_.+-]+)(\\s.*)?$", Pattern.DOTALL);

    private LocalPrograms() {}

    /** The command with its program's project path, and where it was found; empty when PATH has it or the project does not. */
    static Optional<String[]> resolve(String command, ProjectFiles files, String folder) {
        Matcher m = COMMAND.matcher(command);
        if (!m.matches()) return Optional.empty();
        String program = m.group(2);
        Path dir = files.root().resolve(folder);
        if (Executables.find(program, System.getenv("PATH"), dir).isPresent()) return Optional.empty();
        return ProjectBins.find(program, dir, files.root()).map(p -> {
            String path = dir.toAbsolutePath().normalize().relativize(p).toString();
            return new String[] {m.group(1) + path + (m.group(3) == null ? "" : m.group(3)), path};
        });
    }
}
