package io.devlaunch.cli;

import io.devlaunch.commands.Init;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", mixinStandardHelpOptions = true,
        header = "Write launcher.conf from this folder's Procfile or package.json scripts.",
        description = {"Write launcher.conf here from a Procfile.dev or Procfile (each `name: command` a service, PORT as",
                "foreman hands it out) or from package.json scripts (a script running several with concurrently,",
                "npm-run-all -p or run-p: one service each; else \"dev\", else \"start\"). Ports, health checks and",
                "dependencies it can see are written with comments saying what was guessed. Starts nothing.",
                "Exit 0 when written, 1 when there is nothing to read or launcher.conf exists (see --force)."})
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Option(names = "--force", description = "Replace an existing launcher.conf.")
    boolean force;

    @Override
    public Integer call() {
        return new Init(top.cwd(), force, top.terminal()).run();
    }
}
