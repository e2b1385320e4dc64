package io.devlaunch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** For {@code logs}, where {@code -f} means follow (as in tail): only {@code --file FILE}. */
final class ManifestFileLongOption {
    @Option(names = "--file", paramLabel = "FILE",
            description = "The manifest (default: launcher.conf here or in the nearest parent folder).")
    Path file;
}
