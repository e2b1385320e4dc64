package io.devlaunch.supervise;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The {@code clean} paths of a manifest, checked before anything is deleted: only paths inside the
 * project root, and never through a symlink that leads out of it. A symlink itself is removed as a
 * link; its target is never touched.
 */
public final class CleanPaths {
    private CleanPaths() {}

    /** The resolved path, or a reason to refuse it. */
    public record Checked(String written, Path path, Optional<String> refusal) {
        public boolean present() {
            return refusal.isEmpty() && Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** One service's clean path, checked. */
    public record Target(String service, Checked checked) {
        public String written() {
            return checked.written();
        }
    }

    /** The clean paths of {@code services} (every service when empty), checked, in start order. */
    public static List<Target> of(Manifest manifest, Collection<String> services) {
        List<Target> out = new ArrayList<>();
        for (ServiceSpec s : manifest.services().values()) {
            if (!services.isEmpty() && !services.contains(s.name())) continue;
            for (String written : s.clean()) out.add(new Target(s.name(), check(manifest.root(), written)));
        }
        return out;
    }

    /** Deletes a present target; the reason when it could not. */
    public static Optional<String> remove(Target t) {
        try {
            delete(t.checked().path());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    public static Checked check(Path root, String written) {
        Path rootReal;
        try {
            rootReal = root.toRealPath();
        } catch (IOException e) {
            return new Checked(written, root, Optional.of("the project root cannot be resolved: " + e.getMessage()));
        }
        Path p;
        try {
            p = root.resolve(written).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return new Checked(written, root, Optional.of("not a valid path here: " + e.getReason()));
        }
        if (!p.startsWith(root) || p.equals(root)) {
            return new Checked(written, p, Optional.of("it is outside the project root " + root
                    + "; clean paths must lie inside it"));
        }
        // Every existing folder on the way must resolve inside the root: a symlinked folder could lead anywhere.
        Path parent = p.getParent();
        while (parent != null && !Files.exists(parent, LinkOption.NOFOLLOW_LINKS)) parent = parent.getParent();
        try {
            if (parent != null && !parent.toRealPath().startsWith(rootReal)) {
                return new Checked(written, p, Optional.of("a symlink on its way leads out of the project root (to "
                        + parent.toRealPath() + ")"));
            }
        } catch (IOException e) {
            return new Checked(written, p, Optional.of("cannot resolve " + parent + ": " + e.getMessage()));
        }
        return new Checked(written, p, Optional.empty());
    }

    /** Deletes a file, a symlink (not its target) or a folder tree (not following links inside it). */
    static void delete(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) throw e;
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
