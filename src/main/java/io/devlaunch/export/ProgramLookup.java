package io.devlaunch.export;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a bare program name ({@code python3}) is on this machine's PATH. systemd wants an
 * absolute path in {@code ExecStart=} and searches only a fixed PATH of its own, which misses
 * {@code ~/.local/bin}, nvm and pyenv; so the exporter resolves names where the user runs it —
 * usually on the machine the units are for. A seam so tests need not depend on this PATH.
 */
@FunctionalInterface
public interface ProgramLookup {
    Optional<Path> find(String name);

    static ProgramLookup onPath(String path) {
        return name -> {
            if (path == null) return Optional.empty();
            for (String d : path.split(File.pathSeparator)) {
                if (d.isEmpty()) continue;
                Path p = Path.of(d, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p.toAbsolutePath());
            }
            return Optional.empty();
        };
    }
}
