package io.devlaunch.cli;

import io.devlaunch.commands.Stop;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "stop", mixinStandardHelpOptions = true,
        header = "Stop services; they stay stopped, the rest keep running.",
        description = {"With a supervisor running: stop the named services (whole process trees) and return once",
                "they have stopped. What depends on them keeps running; `devlaunch start` brings them back."})
final class StopCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to stop.")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        return new Stop(top.manifest(manifestFile.file), top.terminal(), services).run();
    }
}
