package io.devlaunch.cli;

import io.devlaunch.commands.Restart;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restart", mixinStandardHelpOptions = true,
        header = "Restart services (after a schema change); --reset wipes clean paths.",
        description = {"With a supervisor running: restart the named services (default: all), re-running",
                "before-start, and return once they are healthy. With none running: start like up."})
final class RestartCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to restart (default: all).")
    List<String> services = List.of();

    @Option(names = "--reset", description = "Also remove the services' clean paths first (e.g. a dev database).")
    boolean reset;

    @Option(names = "--with-dependents", description = "Also restart the services that depend on these.")
    boolean withDependents;

    @Option(names = {"-d", "--detach"}, description = "With no supervisor running: start it in the background.")
    boolean detach;

    @Override
    public Integer call() throws Exception {
        Manifest m;
        try {
            m = top.manifest(manifestFile.file);
        } catch (ManifestException e) {
            Restart.unreadableManifest(top.manifestFile(manifestFile.file), top.terminal());
            throw e;        // its problems, file:line each, are reported as for every command
        }
        return new Restart(m, top.terminal(), new Restart.Options(services, reset, withDependents, detach)).run();
    }
}
