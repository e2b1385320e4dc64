package io.devlaunch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/** A fixture project kept under the test resources, copied into a temp folder to be used as a real one. */
public final class ResourceTree {
    private ResourceTree() {}

    /**
     * Copies the resource folder {@code resource} (a class-path name such as {@code /init/heroku-node}) into
     * {@code into} and returns {@code into}. Files in a {@code bin} or {@code .bin} folder (a virtualenv's,
     * node_modules') are made executable: Maven copies test resources without their mode.
     */
    public static Path copy(String resource, Path into) {
        try {
            Path from = Path.of(ResourceTree.class.getResource(resource).toURI());
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : (Iterable<Path>) all::iterator) {
                    Path to = into.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                        continue;
                    }
                    Files.copy(p, to);
                    String folder = p.getParent().getFileName().toString();
                    if (folder.equals("bin") || folder.equals(".bin")) {
                        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource folder " + resource, e);
        }
    }
}
