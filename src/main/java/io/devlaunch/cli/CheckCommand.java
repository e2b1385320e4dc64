package io.devlaunch.cli;

import io.devlaunch.commands.Checkup;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.view.CheckView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;


@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Validate the manifest and this machine without starting anything.",
        description = {"Validate the manifest and this machine without starting anything:",
                "commands on PATH, folders and env files exist, ports free (or who holds them).",
                "Exit 0 when fine, 2 for manifest errors, 1 for machine problems."})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Override
    public Integer call() throws Exception {
        Manifest m = top.manifest(manifestFile.file);
        return CheckView.print(m, Checkup.onThisMachine().run(m), top.terminal());
    }
}
