package io.devlaunch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "clean", mixinStandardHelpOptions = true,
        header = "Emergency recovery: stop leftovers and stale port holders, remove state.",
        description = {"Emergency recovery: stop a running supervisor, every process devlaunch recorded and every",
                "holder of a configured port; remove leftover state and the clean paths."})
final class CleanCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Option(names = "--dry-run", description = "Print the plan; change nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Delete the clean paths without asking.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
        top.manifest(manifestFile.file);
        throw NotBuiltYet.command("clean", "Until it lands, `devlaunch check` shows who holds each configured port.");
    }
}
