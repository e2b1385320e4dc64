package io.devlaunch.runstate;

import io.devlaunch.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code .devlaunch/} under the project root: the supervisor's record, its children's records and
 * the log files. Records are replaced atomically, so a reader never sees half a file.
 */
public final class StateFolder {
    private final Path dir;

    public StateFolder(Path dir) {
        this.dir = dir;
    }

    public static StateFolder of(Manifest m) {
        return new StateFolder(m.root().resolve(".devlaunch"));
    }

    public Path dir() {
        return dir;
    }

    public Path logs() {
        return dir.resolve("logs");
    }

    public Path supervisorRecord() {
        return dir.resolve("supervisor.json");
    }

    public Path servicesRecord() {
        return dir.resolve("services.json");
    }

    public void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
