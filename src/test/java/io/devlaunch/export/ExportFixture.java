package io.devlaunch.export;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.testing.TestFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The fixture projects under test resources io/devlaunch/export/, copied into a temp folder and loaded. */
public final class ExportFixture {
    private ExportFixture() {}

    /** Copies the fixture project {@code name} into {@code into} and returns its folder. */
    public static Path copy(String name, Path into) {
        return io.devlaunch.testing.ResourceTree.copy("/io/devlaunch/export/" + name, into);
    }

    public static Manifest load(Path root) {
        try {
            return ManifestLoader.load(root.resolve("launcher.conf"));
        } catch (Exception e) {
            throw new AssertionError("fixture manifest does not load: " + e, e);
        }
    }

    /** A manifest written by the test, in {@code root}. */
    static Manifest manifest(Path root, String text) {
        TestFiles.write(root.resolve("launcher.conf"), text);
        return load(root);
    }

    /** The expected text checked in beside the fixture. */
    static String expected(String resource) {
        try {
            return Files.readString(Path.of(ExportFixture.class.getResource(resource).toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Programs are found in /usr/bin, except names starting with "missing". */
    static final ProgramLookup FAKE_PATH =
            name -> name.startsWith("missing") ? java.util.Optional.empty() : java.util.Optional.of(Path.of("/usr/bin", name));
}
