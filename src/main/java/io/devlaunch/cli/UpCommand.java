package io.devlaunch.cli;

import io.devlaunch.commands.Detach;
import io.devlaunch.commands.Up;
import io.devlaunch.manifest.Manifest;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", mixinStandardHelpOptions = true,
        header = "Start the stack in dependency order, wait until healthy, stream logs.",
        description = {"Start the services in dependency order (independent ones in parallel), wait until each",
                "is healthy and stream their logs. Naming services starts those and what they depend on.",
                "Ctrl+C stops everything, whole process trees, in reverse order."})
final class UpCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (default: all).")
    List<String> services = List.of();

    @Option(names = {"-d", "--detach"}, description = "Run in the background; return once all services are healthy.")
    boolean detach;

    @Option(names = "--no-kill", description = "Never stop a process that holds a configured port; fail instead.")
    boolean noKill;

    @Option(names = "--no-watch", description = "Do not restart services when their watched files change.")
    boolean noWatch;

    @Option(names = "--no-dashboard", description = "Do not serve the dashboard for this run (see dashboard { enabled } in launcher.conf).")
    boolean noDashboard;

    @Option(names = "--timestamps", description = "Show the time of each line.")
    boolean timestamps;

    @Override
    public Integer call() throws Exception {
        Manifest m = top.manifest(manifestFile.file);
        if (detach) {
            List<String> args = new java.util.ArrayList<>(services);
            if (noKill) args.add("--no-kill");
            if (noWatch) args.add("--no-watch");
            if (noDashboard) args.add("--no-dashboard");
            return new Detach(m, top.terminal(), args).run();
        }
        return new Up(m, top.terminal(), new Up.Options(services, timestamps, noKill, noWatch, noDashboard)).run();
    }
}
