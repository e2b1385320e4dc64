package io.devlaunch.supervise;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxied service's ports for one run: devlaunch holds the public ones, the service listens on
 * private ones picked fresh at each start. The service learns them from {@code PORT} (the first)
 * and {@code PORT_<public>} (each), and {@code $PORT} / {@code ${PORT}} / {@code $PORT_<public>}
 * in its list command and its env values are replaced by devlaunch (a shell command's shell
 * expands the variables itself).
 *
 * @param byPublic public port → private port, in the manifest's order
 */
record PrivatePorts(Map<Integer, Integer> byPublic) {
    private static final Pattern TOKEN = Pattern.compile("\\$\\{PORT(?:_(\\d+))?}|\\$PORT(?:_(\\d+))?(?![A-Za-z0-9_])");

    PrivatePorts {
        byPublic = Collections.unmodifiableMap(new LinkedHashMap<>(byPublic));
    }

    /**
     * Free loopback ports, one per public port. The kernel hands out an ephemeral port and we give
     * it back at once: a race with another program is possible but rare, and shows as the service
     * failing to bind, which its health check then reports.
     */
    static PrivatePorts pick(List<Integer> publicPorts) throws IOException {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int p : publicPorts) {
                ServerSocket s = new ServerSocket();
                open.add(s);     // all open at once, so two public ports never get the same private one
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                out.put(p, s.getLocalPort());
            }
        } finally {
            for (ServerSocket s : open) s.close();
        }
        return new PrivatePorts(out);
    }

    int first() {
        return byPublic.values().iterator().next();
    }

    /** {@code PORT} and {@code PORT_<public>} for the service's environment. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", Integer.toString(first()));
        byPublic.forEach((pub, priv) -> env.put("PORT_" + pub, Integer.toString(priv)));
        return env;
    }

    /** {@code text} with its port tokens replaced; a token naming a port the service does not own stays as written. */
    String substitute(String text) {
        if (text.indexOf('$') < 0) return text;
        Matcher m = TOKEN.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String named = m.group(1) != null ? m.group(1) : m.group(2);
            Integer priv = named == null ? Integer.valueOf(first()) : byPublic.get(portOrNull(named));
            m.appendReplacement(sb, Matcher.quoteReplacement(priv == null ? m.group() : priv.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The digits of {@code $PORT_<n>} as a port number (leading zeros allowed); more digits than any port has name none. */
    private static Integer portOrNull(String digits) {
        String d = digits.replaceFirst("^0+(?=\\d)", "");
        return d.length() > 5 ? null : Integer.valueOf(d);
    }

    List<String> substitute(List<String> argv) {
        return argv.stream().map(this::substitute).toList();
    }

    /** The port a check should probe: a public port's private one, any other port as it is. */
    int probed(int port) {
        return byPublic.getOrDefault(port, port);
    }
}
