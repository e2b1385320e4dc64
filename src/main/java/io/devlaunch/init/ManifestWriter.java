package io.devlaunch.init;

import io.devlaunch.TextEscape;
import java.util.List;
import java.util.Map;

/** A draft → launcher.conf text (HOCON), each guess commented where it is written. */
final class ManifestWriter {
    private ManifestWriter() {}

    static String render(Draft d) {
        StringBuilder b = new StringBuilder();
        b.append("# Written by `devlaunch init` from ").append(d.source).append(": ").append(d.summary).append(".\n");
        b.append("# Comments marked \"guessed\" say what devlaunch inferred: review them, then run `devlaunch check`.\n");
        for (String r : d.review) b.append("# review: ").append(oneLine(r)).append('\n');
        if (d.project != null) b.append("\nproject = ").append(quote(d.project)).append('\n');
        if (!d.vars.isEmpty()) {
            b.append("\n# ").append(d.varsWhy).append(".\nvars {\n");
            for (Map.Entry<String, Integer> v : d.vars.entrySet()) b.append("  ").append(key(v.getKey())).append(" = ").append(v.getValue()).append('\n');
            b.append("}\n");
        }
        b.append("\n# Each command is a string, so it runs through the shell as it did before (and $PORT expands there).\nservices {\n");
        boolean first = true;
        for (DraftService s : d.services) {
            if (!first) b.append('\n');
            first = false;
            service(b, s, d);
        }
        b.append("}\n");
        return b.toString();
    }

    private static void service(StringBuilder b, DraftService s, Draft d) {
        b.append("  # from ").append(s.origin).append('\n');
        for (String r : s.review) b.append("  # review: ").append(oneLine(r)).append('\n');
        b.append("  ").append(key(s.name)).append(" {\n");
        b.append("    command = ").append(quote(s.command)).append('\n');
        // Per service, not under defaults: a service merged with defaults is placed at the defaults' line, losing file order.
        if (d.envFile != null) {
            b.append("    env-file = ").append(quote(d.envFile));
            if (s == d.services.get(0)) b.append("    # ").append(oneLine(d.envFileWhy));
            b.append('\n');
        }
        if (s.envPortVar != null) b.append("    env { PORT = ").append(var(s.envPortVar)).append(" }\n");
        String portExpr = s.port == null ? null : s.portVar != null ? var(s.portVar) : String.valueOf(s.port);
        if (portExpr != null) {
            b.append("    port = ").append(portExpr).append("    # guessed: ").append(oneLine(s.portWhy)).append('\n');
            if (s.healthPath != null) {
                String url = s.portVar != null ? "\"http://localhost:\"" + portExpr + quote(s.healthPath)
                        : quote("http://localhost:" + s.port + s.healthPath);
                b.append("    health.http = ").append(url).append("    # guessed: ").append(oneLine(s.healthWhy)).append('\n');
            } else {
                b.append("    # health: guessed: ").append(oneLine(s.healthWhy)).append('\n');
            }
        }
        if (!s.dependsOn.isEmpty()) {
            b.append("    depends-on = [").append(String.join(", ", s.dependsOn.stream().map(ManifestWriter::key).toList()))
                    .append("]    # guessed: ").append(oneLine(String.join("; ", s.dependsWhy))).append('\n');
        }
        if (s.restart != null) b.append("    restart = ").append(s.restart).append("    # guessed: ").append(oneLine(s.restartWhy)).append('\n');
        b.append("  }\n");
    }

    private static String var(String name) {
        return "${vars." + key(name) + "}";
    }

    /** Names already fit the manifest's rules; quote only what HOCON could read as something else. */
    static String key(String name) {
        return name.matches("[A-Za-z][A-Za-z0-9_-]*") && !List.of("true", "false", "null", "include").contains(name) ? name : quote(name);
    }

    /** A HOCON quoted string is a JSON string: no substitution happens inside it ($PORT stays for the shell). */
    static String quote(String s) {
        return TextEscape.quote(new StringBuilder(s.length() + 2), s, c -> c < 0x20).toString();
    }

    private static String oneLine(String s) {
        return TextEscape.oneLine(s, c -> false);
    }
}
