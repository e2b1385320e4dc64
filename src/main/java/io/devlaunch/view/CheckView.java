package io.devlaunch.view;

import io.devlaunch.ExitCodes;
import io.devlaunch.commands.CheckReport;
import io.devlaunch.manifest.DisplayPath;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Palette.Colour;
import io.devlaunch.output.Terminal;
import java.io.PrintStream;

/** {@code devlaunch check}'s report: the manifest's summary, one mark per finding, and the verdict. */
public final class CheckView {
    private CheckView() {}

    /** @return the exit code: 0 when fine, 1 with machine problems */
    public static int print(Manifest m, CheckReport report, Terminal t) {
        PrintStream out = t.out();
        int n = m.services().size();
        out.println("manifest " + DisplayPath.of(m.file()) + " is valid (project " + m.project() + ", "
                + n + (n == 1 ? " service)" : " services)"));
        out.println("start order: " + String.join(" → ", m.startOrder()));
        int width = m.services().keySet().stream().mapToInt(String::length).max().orElse(0);
        String last = null;
        for (CheckReport.Finding f : report.findings()) {
            String name = f.service().equals(last) ? "" : f.service();
            last = f.service();
            String mark = f.verdict() == CheckReport.Verdict.OK ? t.paint("ok", Colour.GREEN) : t.paint("!!",
                    Colour.BOLD_RED);
            out.println("  " + mark + " " + name + " ".repeat(Math.max(0, width - name.length())) + "  " + f.text());
        }
        long problems = report.problemCount();
        if (problems == 0) {
            out.println(t.paint("all good", Colour.GREEN) + ": `devlaunch up` can start " + n + (n == 1 ? " service"
                    : " services"));
            return ExitCodes.OK;
        }
        t.err().println(t.paint("devlaunch", Colour.BOLD_RED) + ": " + problems
                + (problems == 1 ? " problem" : " problems") + " on this machine (marked !! above)");
        return ExitCodes.FAILED;
    }
}
