package io.devlaunch.cli;

import io.devlaunch.commands.Clean;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Durations;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
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
        Manifest m = top.manifest(manifestFile.file);
        PrintStream out = top.terminal().out();
        java.io.Console tty = System.console();
        Predicate<List<String>> ask = tty == null ? null : paths -> {
            String answer = tty.readLine("devlaunch | delete %s? [y/N] ", String.join(", ", paths));
            return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
        };
        if (dryRun) out.println("devlaunch | dry run: nothing will be stopped or deleted");
        long t0 = System.nanoTime();
        int code = new Clean(m, new Clean.Options(dryRun, yes, ask), line -> out.println("devlaunch | " + line)).run();
        out.println("devlaunch | clean " + (code == 0 ? "finished" : "finished with problems (see above)") + " in "
                + Durations.seconds(java.time.Duration.ofNanos(System.nanoTime() - t0)));
        return code;
    }
}
