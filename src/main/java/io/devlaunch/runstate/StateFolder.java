package io.devlaunch.runstate;

import io.devlaunch.manifest.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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

    /** A detached run's start-up outcome, as its supervisor decided it. */
    public Path startupRecord() {
        return dir.resolve("startup.json");
    }

    /**
     * Creates {@code .devlaunch/} and its {@code logs/} owner-only (0700), and makes an older run's
     * open ones so: the logs hold the services' output, and under {@code up -d} the dashboard's
     * address with its token, which can stop services. Call before anything is written there. Also writes
     * {@code .devlaunch/.gitignore} ({@code *}) when there is none.
     */
    public void prepare() throws IOException {
        for (Path d : new Path[] {dir, logs()}) {
            Files.createDirectories(d);
            if (posix(d)) Files.setPosixFilePermissions(d, OWNER_ONLY_DIR);
        }
        // Runs, logs and the dashboard's token are this machine's: git ignores them without the project's own
        // .gitignore
        // having to know (as Python's venv does). One the user edited is theirs and is kept.
        Path ignore = dir.resolve(".gitignore");
        if (!Files.exists(ignore, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            writeAtomically(ignore, "# Written by devlaunch: this folder is run state, not part of the project.\n*\n");
        }
    }

    /** An empty file, owner-only (0600) from its first byte; an existing one is replaced. */
    public static void createOwnerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (posix(file.getParent())) Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        else Files.createFile(file);      // no POSIX modes (Windows): the folder's own ACL applies
    }

    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Replaces {@code file} with {@code content} at once (a reader sees the old file or the new one,
     * never half of one). The file is owner-only from its first byte: records such as
     * {@code dashboard.json} hold a token, and the others have no reader but their owner either.
     */
    public void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        createOwnerOnly(tmp);
        Files.writeString(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
