package io.devlaunch.cli;

import io.devlaunch.commands.Start;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "start", mixinStandardHelpOptions = true,
        header = "Start stopped, exited or failed services again.",
        description = {"With a supervisor running: start the named services (and the ended services they depend on),",
                "re-running before-start, and return once they are healthy."})
final class StartCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to start.")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        return new Start(top.manifest(manifestFile.file), top.terminal(), services).run();
    }
}
