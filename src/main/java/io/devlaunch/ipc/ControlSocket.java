package io.devlaunch.ipc;

import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a project's control socket lives: {@code .devlaunch/control.sock}, or — when that path is
 * too long for a socket name (108 bytes on Linux, 104 on macOS) — a short path in an owner-only
 * folder under the temp directory, named by a hash of the project folder.
 */
public final class ControlSocket {
    private static final int MAX_PATH = 100;

    private ControlSocket() {}

    public static Path path(StateFolder folder) {
        Path p = folder.dir().resolve("control.sock").toAbsolutePath();
        if (p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_PATH) return p;
        String hash = Integer.toHexString(folder.dir().toAbsolutePath().toString().hashCode());
        return Path.of(System.getProperty("java.io.tmpdir"), "devlaunch-" + System.getProperty("user.name"), hash + ".sock");
    }

    /** Creates the socket's folder; a folder of our own (the fallback) is made owner-only. */
    public static void prepareFolder(Path socket) throws IOException {
        Path dir = socket.getParent();
        boolean own = dir.getFileName().toString().startsWith("devlaunch-");
        Files.createDirectories(dir);
        if (own) {
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // Windows: the user's temp folder is already private
            }
        }
    }
}
