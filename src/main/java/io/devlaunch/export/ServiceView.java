package io.devlaunch.export;

import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.ServiceSpec;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service as an exporter writes it. Outside devlaunch there is no port proxy: a service with
 * {@code proxy = true} listens on its public ports itself, so it gets {@code PORT} (its first port)
 * and {@code PORT_<n>} in its environment, and the {@code $PORT} tokens devlaunch would replace in
 * a list command and in env values are replaced by the public ports here. The environment is
 * sorted so that an export is the same text every time.
 */
public record ServiceView(ServiceSpec spec, Command command, SortedMap<String, String> env) {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{PORT(?:_(\\d+))?}|\\$PORT(?:_(\\d+))?(?![A-Za-z0-9_])");

    public static ServiceView of(ServiceSpec s) {
        SortedMap<String, String> env = new TreeMap<>(s.env());
        if (!s.proxy().enabled() || s.ports().isEmpty()) return new ServiceView(s, s.command(), env);
        env.replaceAll((k, v) -> substitute(v, s));
        env.put("PORT", Integer.toString(s.ports().get(0)));
        for (int p : s.ports()) env.put("PORT_" + p, Integer.toString(p));
        Command c = s.command().isShell() ? s.command()
                : Command.exec(s.command().argv().stream().map(a -> substitute(a, s)).toList());
        return new ServiceView(s, c, env);
    }

    public String name() {
        return spec.name();
    }

    /** {@code $PORT}/{@code ${PORT}} → the first port, {@code $PORT_n} → n when the service owns n. */
    static String substitute(String text, ServiceSpec s) {
        if (text.indexOf('$') < 0) return text;
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String named = m.group(1) != null ? m.group(1) : m.group(2);
            String port = named == null ? s.ports().get(0).toString()
                    : owns(s, named) ? named : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(port));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Whether {@code digits} is one of the service's ports; {@code $PORT_99999999999} is none (and no int). */
    private static boolean owns(ServiceSpec s, String digits) {
        try {
            return s.ports().contains(Integer.parseInt(digits));   // leading zeros as devlaunch up reads them
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Port → the service that owns it, across the manifest. */
    public static Map<Integer, String> portOwners(Iterable<ServiceSpec> services) {
        Map<Integer, String> out = new TreeMap<>();
        for (ServiceSpec s : services) for (int p : s.ports()) out.put(p, s.name());
        return out;
    }
}
