package io.devlaunch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "logs", mixinStandardHelpOptions = true,
        header = "Show the services' log files, prefixed like up.",
        description = "Show the per-service log files (.devlaunch/logs/), merged and prefixed like up.")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileLongOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to show (default: all).")
    List<String> services = List.of();

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines, across restarts.")
    boolean follow;

    @Option(names = "-n", paramLabel = "N", description = "Lines per service to show first (default: ${DEFAULT-VALUE}).")
    int lines = 50;

    @Override
    public Integer call() throws Exception {
        top.manifest(manifestFile.file);
        throw NotBuiltYet.command("logs", "Until it lands, the files are in .devlaunch/logs/.");
    }
}
