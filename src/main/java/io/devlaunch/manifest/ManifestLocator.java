package io.devlaunch.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code launcher.conf} the way git finds {@code .git}: here, then each parent. */
public final class ManifestLocator {
    public static final String FILE_NAME = "launcher.conf";

    private ManifestLocator() {}

    public static Optional<Path> find(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The explicit file if given (it must exist), else the nearest {@code launcher.conf}. */
    public static Path locate(Path explicit, Path start) throws ManifestException {
        if (explicit != null) {
            if (Files.isRegularFile(explicit)) return explicit.toAbsolutePath().normalize();
            throw new ManifestException(new Problem(new Location(explicit, 0),
                    Files.isDirectory(explicit) ? "is a folder; -f needs the manifest file itself"
                                                : "no such file; check the path given with -f"));
        }
        return find(start).orElseThrow(() -> new ManifestException(new Problem(
                new Location(start.toAbsolutePath().resolve(FILE_NAME), 0),
                "no " + FILE_NAME + " here or in any parent folder; create one (see README) or pass -f FILE")));
    }
}
