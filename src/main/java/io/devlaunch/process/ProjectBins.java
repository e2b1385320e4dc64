package io.devlaunch.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's own environments, where its programs live when nobody has activated them: a Python
 * virtualenv ({@code .venv/bin}, {@code venv/bin}) and npm's {@code node_modules/.bin}, in the
 * service's folder and each folder above it up to the project root (as npm scripts search them).
 */
public final class ProjectBins {
    private static final List<String> BIN_FOLDERS = List.of(".venv/bin", "venv/bin", "node_modules/.bin");

    private ProjectBins() {}

    /** The first executable {@code program} in those folders, nearest the service first; empty for a path or when none. */
    public static Optional<Path> find(String program, Path dir, Path root) {
        if (program == null || program.isEmpty() || program.contains("/")) return Optional.empty();
        for (Path folder : folders(dir, root)) {
            for (String bin : BIN_FOLDERS) {
                Path p = folder.resolve(bin).resolve(program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** {@code dir}, its parent, … up to {@code root}; only {@code dir} when it is not under root. */
    private static List<Path> folders(Path dir, Path root) {
        Path d = dir.toAbsolutePath().normalize();
        Path r = root.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        for (Path p = d; p != null; p = p.getParent()) {
            out.add(p);
            if (p.equals(r) || !p.startsWith(r)) break;
        }
        return out;
    }
}
