package io.devlaunch.manifest;

import java.nio.file.Path;

/** Where something was written: a file and a 1-based line (0 when unknown). Prints as {@code file:line}. */
public record Location(Path file, int line) {

    @Override
    public String toString() {
        String name = DisplayPath.of(file);
        return line > 0 ? name + ":" + line : name;
    }
}
