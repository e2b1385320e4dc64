package io.devlaunch.cli;

import io.devlaunch.commands.Attach;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "attach", mixinStandardHelpOptions = true,
        header = "Connect this terminal to an interactive service (debugger, prompt); Ctrl+] detaches.",
        description = {"Keys go to the service, its output comes back raw, the window size follows yours.",
                "From a pipe: sends what it reads, then shows the output until it is quiet for 0.5s.",
                "The service needs interactive = true in launcher.conf."})
final class AttachCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "1", descriptionKey = CompletionModel.INTERACTIVE, description = "An interactive service.")
    String service;

    @Override
    public Integer call() throws Exception {
        return new Attach(top.manifest(manifestFile.file), top.terminal(), service).run();
    }
}
