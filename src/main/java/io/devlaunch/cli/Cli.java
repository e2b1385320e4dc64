package io.devlaunch.cli;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.ManifestException;
import io.devlaunch.manifest.Problem;
import io.devlaunch.output.Terminal;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Builds the picocli command line and owns the one place where failures become messages and exit codes. */
public final class Cli {
    private Cli() {}

    public static int run(String[] args, Terminal terminal, Path cwd) {
        DevLaunchCommand top = new DevLaunchCommand(terminal, cwd);
        java.util.concurrent.Callable<Integer> fast = FastPath.parse(args, top);
        if (fast != null) {
            try {
                return fast.call();
            } catch (Exception e) {
                return report(e, terminal);
            }
        }
        CommandLine cl = new CommandLine(new DevLaunchCommand(terminal, cwd));
        for (String name : Subcommands.needed(args)) cl.addSubcommand(name, Subcommands.create(name));
        cl.setOut(new PrintWriter(terminal.out(), true));
        cl.setErr(new PrintWriter(terminal.err(), true));
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(
                terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((e, line, parsed) -> report(e, terminal));
        return cl.execute(args);
    }

    private static int report(Exception e, Terminal t) {
        if (e instanceof ManifestException m) {
            int n = m.problems().size();
            t.err().println(t.paint("devlaunch", io.devlaunch.output.Palette.Colour.BOLD_RED) + ": "
                    + (n == 1 ? "the manifest has a problem:" : "the manifest has " + n + " problems:"));
            for (Problem p : m.problems()) t.err().println("  " + p);
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof DevLaunchException d) {
            t.err().println(t.paint("devlaunch", io.devlaunch.output.Palette.Colour.BOLD_RED) + ": " + d.getMessage());
            return d.exitCode();
        }
        t.err().println("devlaunch: internal error: " + e
                + "\n  This is a bug in devlaunch; please report it with the stack trace below.");
        e.printStackTrace(t.err());
        return ExitCodes.FAILED;
    }
}
