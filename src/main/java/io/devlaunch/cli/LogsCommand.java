package io.devlaunch.cli;

import io.devlaunch.commands.Logs;
import io.devlaunch.manifest.Manifest;
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

    @Option(names = "--timestamps", description = "Show the time of each line.")
    boolean timestamps;

    @Override
    public Integer call() throws Exception {
        Manifest m = top.manifest(manifestFile.file);
        return new Logs(m, top.terminal(), new Logs.Options(services, lines, follow, timestamps)).run();
    }
}
