package io.devlaunch.cli;

import io.devlaunch.commands.Status;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Terminal;
import io.devlaunch.view.StatusView;
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
        Manifest m = top.manifest(manifestFile.file);
        Terminal t = top.terminal();
        while (true) {
            int code = StatusView.show(new Status(m).take(), json, watch, t);
            if (!watch) return code;
            Thread.sleep(2000);      // the redraw period, not synchronisation
        }
    }
}
