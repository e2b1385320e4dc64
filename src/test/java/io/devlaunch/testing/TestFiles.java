package io.devlaunch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test manifests. */
public final class TestFiles {
    private TestFiles() {}

    public static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text.stripIndent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
