package io.devlaunch.cli;

import io.devlaunch.ExitCodes;
import io.devlaunch.commands.CheckReport;
import io.devlaunch.commands.Checkup;
import io.devlaunch.manifest.DisplayPath;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Palette.Colour;
import io.devlaunch.output.Terminal;
import io.devlaunch.ports.PortOwners;
import java.io.PrintStream;
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
        Terminal t = top.terminal();
        PrintStream out = t.out();
        out.println("manifest " + DisplayPath.of(m.file()) + " is valid (project " + m.project() + ", "
                + m.services().size() + (m.services().size() == 1 ? " service)" : " services)"));
        out.println("start order: " + String.join(" → ", m.startOrder()));
        CheckReport report = new Checkup(PortOwners.forThisOs()).run(m);
        int width = m.services().keySet().stream().mapToInt(String::length).max().orElse(0);
        String last = null;
        for (CheckReport.Finding f : report.findings()) {
            String name = f.service().equals(last) ? "" : f.service();
            last = f.service();
            String mark = f.verdict() == CheckReport.Verdict.OK ? t.paint("ok", Colour.GREEN) : t.paint("!!", Colour.BOLD_RED);
            out.println("  " + mark + " " + pad(name, width) + "  " + f.text());
        }
        long problems = report.problemCount();
        if (problems == 0) {
            out.println(t.paint("all good", Colour.GREEN) + ": `devlaunch up` can start " + m.services().size()
                    + (m.services().size() == 1 ? " service" : " services"));
            return ExitCodes.OK;
        }
        t.err().println(t.paint("devlaunch", Colour.BOLD_RED) + ": " + problems
                + (problems == 1 ? " problem" : " problems") + " on this machine (marked !! above)");
        return ExitCodes.FAILED;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
