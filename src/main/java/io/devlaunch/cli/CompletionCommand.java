package io.devlaunch.cli;

import io.devlaunch.completion.Completion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine;

@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print a shell completion script (bash, zsh or fish).",
        description = {"Print a completion script for bash, zsh or fish: commands, options, and the manifest's",
                "service names after up, restart, logs (and any command taking SERVICE).",
                "  bash: source <(devlaunch completion bash)            (in ~/.bashrc)",
                "  zsh:  devlaunch completion zsh > \"${fpath[1]}/_devlaunch\"",
                "  fish: devlaunch completion fish > ~/.config/fish/completions/devlaunch.fish"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash, zsh or fish.")
    String shell;

    static final class Shells extends java.util.ArrayList<String> {
        Shells() {
            super(Completion.SHELLS);
        }
    }

    @Override
    public Integer call() {
        // This run registered only `completion`; the script must know every command, so build the whole model.
        CommandLine full = new CommandLine(new DevLaunchCommand(top.terminal(), top.cwd()));
        for (String name : Subcommands.all()) full.addSubcommand(name, Subcommands.create(name));
        top.terminal().out().print(Completion.script(shell, CompletionModel.of(full.getCommandSpec())));
        top.terminal().out().flush();
        return 0;
    }
}
