package io.devlaunch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -f/--file FILE} on a subcommand, so it may follow the command name. */
class ManifestFileOption {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The manifest (default: launcher.conf here or in the nearest parent folder).")
    Path file;
}
