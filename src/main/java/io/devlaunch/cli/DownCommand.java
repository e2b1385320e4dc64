package io.devlaunch.cli;

import io.devlaunch.commands.Down;
import io.devlaunch.manifest.Manifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "down", mixinStandardHelpOptions = true,
        header = "Stop the running supervisor and everything it started.",
        description = "Stop the running supervisor and every service it started, whole process trees.")
final class DownCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Override
    public Integer call() throws Exception {
        Manifest m = top.manifest(manifestFile.file);
        return new Down(m, line -> top.terminal().out().println("devlaunch | " + line)).run();
    }
}
