package io.devlaunch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show each service: state, PID, ports, health, uptime, restarts.",
        description = {"One row per service: state, PID, ports, health (probed now), uptime, restarts, last exit.",
                "Exit 0 only when every service is healthy."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Option(names = "--watch", description = "Redraw every 2 s until Ctrl+C.")
    boolean watch;

    @Option(names = "--json", description = "One JSON object (the stable shape in the README).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        top.manifest(manifestFile.file);
        throw NotBuiltYet.command("status", "Until it lands, `devlaunch check` shows who holds each configured port.");
    }
}
