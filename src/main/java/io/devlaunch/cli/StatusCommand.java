package io.devlaunch.cli;

import io.devlaunch.ExitCodes;
import io.devlaunch.commands.Status;
import io.devlaunch.commands.StatusView;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Terminal;
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
            Status.Report report = new Status(m).take();
            if (watch && t.colour()) t.out().print("\u001b[H\u001b[2J");      // redraw in place
            if (json) t.out().println(Status.json(report));
            else StatusView.print(report, t);
            if (!watch) return report.allHealthy() ? ExitCodes.OK : ExitCodes.FAILED;
            Thread.sleep(2000);      // the redraw period, not synchronisation
        }
    }
}
