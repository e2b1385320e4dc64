package io.devlaunch.cli;

import io.devlaunch.manifest.Manifest;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code devlaunch [--file F] __services}: the manifest's service names, one a line, for the
 * completion scripts. Silent on any error (a shell completing a word must never print a message).
 */
@Command(name = ServicesCommand.NAME, hidden = true, description = "The manifest's service names, one a line (for shell completion).")
final class ServicesCommand implements Callable<Integer> {
    static final String NAME = "__services";

    @picocli.CommandLine.ParentCommand
    DevLaunchCommand top;

    @picocli.CommandLine.Option(names = "--interactive", description = "Only the services with interactive = true.")
    boolean interactive;

    @Override
    public Integer call() {
        try {
            Manifest m = top.manifest(null);
            StringBuilder b = new StringBuilder();
            m.services().forEach((name, s) -> {
                if (!interactive || s.interactive()) b.append(name).append('\n');
            });
            top.terminal().out().print(b);
            top.terminal().out().flush();
            return 0;
        } catch (Exception | StackOverflowError e) {
            return 1;
        }
    }
}
