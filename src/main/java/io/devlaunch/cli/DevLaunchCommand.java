package io.devlaunch.cli;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestException;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.manifest.ManifestLocator;
import io.devlaunch.output.Terminal;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command: global options; {@link Cli} adds the subcommands. It does nothing by itself. */
@Command(name = "devlaunch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Start, watch and stop a local development stack described in launcher.conf.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit codes: 0 ok, 1 a service or command failed, 2 bad manifest or usage, 130 interrupted."})
public final class DevLaunchCommand implements Runnable {
    private final Terminal terminal;
    private final Path cwd;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The manifest (default: launcher.conf here or in the nearest parent folder).")
    Path file;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also: NO_COLOR=1).")
    boolean noColor;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    DevLaunchCommand(Terminal terminal, Path cwd) {
        this.terminal = terminal;
        this.cwd = cwd;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Terminal terminal() {
        return terminal;
    }

    Path cwd() {
        return cwd;
    }

    /** The manifest named by the subcommand's {@code -f}, else the top-level one, else the nearest. */
    Manifest manifest(Path subcommandFile) throws ManifestException {
        return ManifestLoader.load(manifestFile(subcommandFile));
    }

    /** Where that manifest is, without reading it. */
    Path manifestFile(Path subcommandFile) throws ManifestException {
        Path chosen = subcommandFile != null ? subcommandFile : file;
        Path explicit = chosen == null ? null : cwd.resolve(chosen);
        return ManifestLocator.locate(explicit, cwd);
    }
}
