package io.devlaunch.ipc;

import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a project's control socket lives: {@code .devlaunch/control.sock}, or — when that path is
 * too long for a socket name (108 bytes on Linux, 104 on macOS) — a short path in an owner-only
 * folder under the temp directory, named by a hash of the project folder.
 */
public final class ControlSocket {
    private static final int MAX_PATH = 100;
    private static final String OWN_FOLDER_PREFIX = "devlaunch-";

    private ControlSocket() {}

    public static Path path(StateFolder folder) {
        Path p = folder.dir().resolve("control.sock").toAbsolutePath();
        if (p.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH) return p;
        // 64 bits of SHA-256: two projects of one user must not share a socket (a second `up` would remove the first's).
        return Path.of(System.getProperty("java.io.tmpdir"), OWN_FOLDER_PREFIX + System.getProperty("user.name"),
                hash(folder.dir().toAbsolutePath().toString()) + ".sock");
    }

    /**
     * Creates the socket's folder. The fallback folder sits in the shared temp directory, where
     * anyone may have created that name first: it must be a real folder of ours, and is made
     * owner-only.
     */
    public static void prepareFolder(Path socket) throws IOException {
        Path dir = socket.getParent();
        boolean own = dir.getFileName().toString().startsWith(OWN_FOLDER_PREFIX);
        Files.createDirectories(dir);
        // Windows: the user's temp folder is already private, and there are no POSIX owners and modes to check.
        if (!own || !dir.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        if (Files.isSymbolicLink(dir)) {
            throw new IOException(dir + " is a symbolic link, not devlaunch's own folder; remove it and try again");
        }
        UserPrincipal owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        if (!owner.equals(me)) {
            throw new IOException(dir + " belongs to user " + owner.getName() + ", not " + me.getName()
                    + "; remove it, or move the project to a shorter path");
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
