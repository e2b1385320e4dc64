package io.devlaunch.cli;

import io.devlaunch.ExitCodes;
import io.devlaunch.commands.Status;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Palette;
import io.devlaunch.output.Terminal;
import io.devlaunch.ports.PortHolder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show each service: state, PID, ports, health, uptime, restarts.",
        description = {"One row per service: state, PID, ports, health (probed now), uptime, restarts, last exit.",
                "Exit 0 only when every service is healthy."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Option(names = "--watch", description = "Redraw every 2 s until Ctrl+C.")
    boolean watch;

    @Option(names = "--json", description = "One JSON object (the stable shape in the README).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Manifest m = top.manifest(manifestFile.file);
        Terminal t = top.terminal();
        while (true) {
            Status.Report report = new Status(m).take();
            if (watch && t.colour()) t.out().print("\u001b[H\u001b[2J");      // redraw in place
            if (json) t.out().println(Status.json(report));
            else print(report, t);
            if (!watch) return report.allHealthy() ? ExitCodes.OK : ExitCodes.FAILED;
            Thread.sleep(2000);      // the redraw period, not synchronisation
        }
    }

    private static void print(Status.Report r, Terminal t) {
        t.out().println("project " + r.project() + ": " + (r.supervisorRunning()
                ? "supervisor running (PID " + r.supervisorPid() + ")"
                : "no supervisor running" + (r.supervisorPid() != null ? " (PID " + r.supervisorPid() + " is gone; `devlaunch clean` clears its leftovers)" : "")));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "STATE", "PID", "PORTS", "UPTIME", "RESTARTS", "EXIT", "HEALTH (now)"});
        for (Status.Row row : r.rows()) {
            rows.add(new String[] {row.name(), row.state(), row.pid() == null ? "-" : row.pid().toString(),
                    row.ports().isEmpty() ? "-" : row.ports().toString().replaceAll("[\\[\\] ]", ""),
                    row.uptimeMs() == null ? "-" : PortHolder.age(Duration.ofMillis(row.uptimeMs())),
                    Integer.toString(row.restarts()), row.exitCode() == null ? "-" : row.exitCode().toString(),
                    (row.healthy() ? "ok " : "") + row.health()});
        }
        int[] w = new int[8];
        for (String[] row : rows) for (int i = 0; i < 7; i++) w[i] = Math.max(w[i], row[i].length());
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 7; i++) sb.append(row[i]).append(" ".repeat(w[i] - row[i].length() + 2));
            String health = row[7];
            if (k > 0) health = t.paint(health, r.rows().get(k - 1).healthy() ? Palette.Colour.GREEN : Palette.Colour.RED);
            t.out().println(sb + health);
            if (k > 0 && r.rows().get(k - 1).reason() != null) t.out().println("  └ " + r.rows().get(k - 1).reason());
        }
    }
}
