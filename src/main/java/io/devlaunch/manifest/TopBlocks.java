package io.devlaunch.manifest;

import com.typesafe.config.ConfigValueType;
import java.util.Map;

/** The manifest's top-level blocks beside {@code services}: {@code dashboard} and {@code logs}. */
final class TopBlocks {
    private TopBlocks() {}

    static Manifest.Dashboard dashboard(TypedReader top, Map<String, ServiceSpec> services) {
        if (!isBlock(top, "dashboard", "dashboard { enabled = false } or dashboard { port = 7900 }")) return Manifest.Dashboard.DEFAULT;
        TypedReader d = top.child("dashboard");
        Manifest.Dashboard dashboard = new Manifest.Dashboard(d.bool("enabled").orElse(true),
                d.integer("port", 1, 65_535).orElse(Manifest.Dashboard.DEFAULT_PORT));
        // Only a port set here: the default one is skipped when a service has it (the dashboard takes the next).
        if (d.has("port")) {
            services.values().stream().filter(s -> s.ports().contains(dashboard.port())).findFirst().ifPresent(s ->
                    d.problem("port", dashboard.port() + " is also services." + s.name() + (s.ports().size() == 1 ? ".port" : ".ports")
                            + "; choose another (the dashboard and " + s.name() + " cannot both listen on it)"));
        }
        return dashboard;
    }

    static Manifest.Logs logs(TypedReader top) {
        if (!isBlock(top, "logs", "logs { max-size = 10MiB, keep = 3 }")) return Manifest.Logs.DEFAULT;
        TypedReader l = top.child("logs");
        return new Manifest.Logs(l.size("max-size", Manifest.Logs.MIN_SIZE, "64KiB").orElse(Manifest.Logs.DEFAULT.maxSize()),
                l.integer("keep", 0, 1_000).orElse(Manifest.Logs.DEFAULT.keep()));
    }

    private static boolean isBlock(TypedReader top, String key, String example) {
        if (!top.has(key)) return false;
        if (top.type(key) == ConfigValueType.OBJECT) return true;
        top.problem(key, "must be a block, e.g. " + example);
        return false;
    }
}
