package io.devlaunch.manifest;

import java.nio.file.Path;

/** Shows paths the way a user would type them: relative to the working directory when inside it. */
public final class DisplayPath {
    private DisplayPath() {}

    public static String of(Path file) {
        if (file == null) return "<unknown>";
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
