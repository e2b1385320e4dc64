package io.devlaunch.view;

import io.devlaunch.ExitCodes;
import io.devlaunch.output.Palette;
import io.devlaunch.output.Terminal;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.supervise.StatusReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code devlaunch status} as a table: one row per service, health coloured, the reason under a row that is not
 * healthy.
 */
public final class StatusView {
    private static final String[] HEADER = {"SERVICE", "STATE", "PID", "PORTS", "UPTIME", "RESTARTS", "EXIT",
            "HEALTH (now)"};

    private StatusView() {}

    /**
     * The report as JSON or as the table; {@code redraw} clears a colour terminal first ({@code --watch}).
     * @return the exit code: 0 only when every service is healthy
     */
    public static int show(StatusReport r, boolean json, boolean redraw, Terminal t) {
        if (redraw && t.colour()) t.out().print("\u001b[H\u001b[2J");      // redraw in place
        if (json) t.out().println(StatusReport.json(r));
        else print(r, t);
        return r.allHealthy() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    public static void print(StatusReport r, Terminal t) {
        PrintStream out = t.out();
        out.println("project " + r.project() + ": " + (r.supervisorRunning()
                ? "supervisor running (PID " + r.supervisorPid() + ")"
                : "no supervisor running" + (r.supervisorPid() != null
                        ? " (PID " + r.supervisorPid() + " is gone; `devlaunch clean` clears its leftovers)" : "")));
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (StatusReport.Row row : r.rows()) cells.add(cells(row));
        int[] w = new int[HEADER.length];
        for (String[] c : cells) for (int i = 0; i < w.length - 1; i++) w[i] = Math.max(w[i], c[i].length());
        for (int k = 0; k < cells.size(); k++) {
            String[] c = cells.get(k);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < w.length - 1; i++) sb.append(c[i]).append(" ".repeat(w[i] - c[i].length() + 2));
            String health = c[w.length - 1];
            StatusReport.Row row = k == 0 ? null : r.rows().get(k - 1);
            if (row != null) health = t.paint(health, row.healthy() ? Palette.Colour.GREEN : Palette.Colour.RED);
            out.println(sb + health);
            if (row != null && row.reason() != null) out.println("  └ " + row.reason());
            if (row != null && row.attach() != null) out.println("  ⌨ interactive: " + row.attach());
            if (row != null && !row.watching().isEmpty()) out.println("  ↻ restarts when " + String.join(", ",
                    row.watching()) + " change");
        }
    }

    /**
     * "8000,8001", or for a proxied service "8000→41234": the port devlaunch holds, then the one the service listens
     * on.
     */
    private static String ports(StatusReport.Row row) {
        if (row.ports().isEmpty()) return "-";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.ports().size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(row.ports().get(i));
            if (i < row.privatePorts().size()) sb.append('→').append(row.privatePorts().get(i));
        }
        return sb.toString();
    }

    private static String[] cells(StatusReport.Row row) {
        return new String[] {row.name(), row.state(), row.pid() == null ? "-" : row.pid().toString(),
                ports(row),
                row.uptimeMs() == null ? "-" : PortHolder.age(Duration.ofMillis(row.uptimeMs())),
                Integer.toString(row.restarts()), row.signal() != null ? row.signal() : row.exitCode() == null ? "-"
                        : row.exitCode().toString(),
                (row.healthy() ? "ok " : "") + row.health()};
    }
}
