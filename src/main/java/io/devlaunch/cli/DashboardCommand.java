package io.devlaunch.cli;

import io.devlaunch.commands.Dashboard;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        header = "Print the running supervisor's dashboard address (with its token).",
        description = {"Print the address of the dashboard that `devlaunch up` serves, with this run's token.",
                "Exit 1 when no supervisor runs, or it runs without a dashboard."})
final class DashboardCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Override
    public Integer call() throws Exception {
        return new Dashboard(top.manifest(manifestFile.file), top.terminal().out()).run();
    }
}
