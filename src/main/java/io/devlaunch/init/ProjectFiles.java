package io.devlaunch.init;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Read-only access to the project's small text files, relative to its root; nothing outside it. */
final class ProjectFiles {
    /** Config files are small; anything bigger is not one worth guessing from. */
    private static final long MAX = 1 << 20;
    private final Path root;

    ProjectFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    Optional<String> read(String relative) {
        Path p = resolve(relative);
        if (p == null) return Optional.empty();
        try {
            if (!Files.isRegularFile(p) || Files.size(p) > MAX) return Optional.empty();
            return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean exists(String relative) {
        Path p = resolve(relative);
        return p != null && Files.exists(p);
    }

    boolean isDirectory(String relative) {
        Path p = resolve(relative);
        return p != null && Files.isDirectory(p);
    }

    /** {@code folder/name}, or {@code name} in the root. */
    static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }

    private Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        return p.startsWith(root) ? p : null;
    }
}
