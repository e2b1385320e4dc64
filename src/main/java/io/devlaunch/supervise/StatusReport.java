package io.devlaunch.supervise;

import io.devlaunch.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code devlaunch status} reports, in the one shape {@code status --json} and the dashboard's
 * {@code /api/status} share (PRODUCT.md): filled from the records on disk by the status command and
 * from the supervisor's memory by the dashboard, written as JSON here only.
 */
public record StatusReport(String project, Long supervisorPid, boolean supervisorRunning, List<StatusReport.Row> rows) {

    /**
     * One row; {@code pid} null with no process; {@code privatePorts} a proxied service's private
     * port for each public one (else empty); {@code reason} says why it is not healthy;
     * {@code watching} the watch entries whose changes restart it in this run (else empty);
     * {@code lastLines} the output lines that explain the reason (the dashboard's; else empty);
     * {@code attach} the command that attaches to an interactive service's terminal (else null);
     * {@code waitingForInput} it sits at a prompt (known inside the supervisor: the dashboard's rows).
     */
    public record Row(String name, String state, Long pid, List<Integer> ports, List<Integer> privatePorts, int restarts,
                      Integer exitCode, String signal, Long uptimeMs, String health, boolean healthy, String reason,
                      List<String> watching, List<String> lastLines, String attach, boolean waitingForInput) {
        /** "devlaunch attach NAME" for an interactive service, else null. */
        public static String attachCommand(io.devlaunch.manifest.ServiceSpec s) {
            return s.interactive() ? "devlaunch attach " + s.name() : null;
        }
    }

    public boolean allHealthy() {
        return rows.stream().allMatch(Row::healthy);
    }

    /** The stable JSON shape of PRODUCT.md. */
    public static String json(StatusReport report) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("project", report.project());
        Map<String, Object> sup = new LinkedHashMap<>();
        sup.put("pid", report.supervisorPid());
        sup.put("running", report.supervisorRunning());
        top.put("supervisor", sup);
        List<Object> services = new ArrayList<>();
        for (Row r : report.rows()) services.add(rowMap(r));
        top.put("services", services);
        return Json.render(top);
    }

    /** One object of the {@code services} array (the dashboard sends one with each transition). */
    public static String json(Row row) {
        return Json.render(rowMap(row));
    }

    /** PRODUCT.md's keys first, in its order; then what the dashboard and a non-healthy row add. */
    private static Map<String, Object> rowMap(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("state", r.state());
        m.put("pid", r.pid());
        m.put("ports", r.ports());
        m.put("restarts", r.restarts());
        m.put("exitCode", r.exitCode());
        m.put("uptimeMs", r.uptimeMs());
        m.put("health", r.health());
        if (r.signal() != null) m.put("signal", r.signal());      // only when the OS reported it signalled
        m.put("reason", r.reason());
        if (!r.privatePorts().isEmpty()) m.put("privatePorts", r.privatePorts());
        m.put("watching", r.watching());
        if (!r.lastLines().isEmpty()) m.put("lastLines", r.lastLines());
        if (r.attach() != null) m.put("attach", r.attach());      // only for an interactive service
        if (r.waitingForInput()) m.put("waitingForInput", true);
        return m;
    }
}
