package io.devlaunch.supervise;

import io.devlaunch.health.HealthTarget;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.ports.PortOwners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a service is not healthy, from what the OS shows: who (if anyone) listens on the port the
 * check targets, and which ports the service's own processes listen on instead.
 */
public final class HealthDiagnosis {
    private static final Pattern ERROR_LINE = Pattern.compile(
            "Traceback|Exception|Error:|\\bERROR\\b|panic:|FATAL|EADDRINUSE|Address already in use|Cannot find module");

    private HealthDiagnosis() {}

    /** One sentence per finding; empty when the OS shows nothing that explains it. */
    /**
     * Reads the OS before anything is stopped — which ports the tree holds is the evidence — on a
     * worker, since a walk over every process's descriptors is no work for the loop; {@code then}
     * gets the findings on the loop.
     */
    static void explainOffLoop(ServiceSpec spec, io.devlaunch.process.ChildProcess child, java.util.function.IntUnaryOperator probedPort,
                               RunContext ctx, java.util.function.Consumer<List<String>> then) {
        ctx.workers().execute(() -> {
            List<String> why = explain(spec, child.liveTree(), PortOwners.forThisOs(), probedPort);
            ctx.loop().execute(() -> then.accept(why));
        });
    }

    public static List<String> explain(ServiceSpec spec, Set<Long> tree, PortOwners owners) {
        return explain(spec, tree, owners, java.util.function.IntUnaryOperator.identity());
    }

    /** @param probedPort where the check connects for a port it names (a proxied service's private port) */
    public static List<String> explain(ServiceSpec spec, Set<Long> tree, PortOwners owners, java.util.function.IntUnaryOperator probedPort) {
        List<String> out = new ArrayList<>();
        Optional<Integer> port = checkedPort(spec).map(probedPort::applyAsInt);
        if (port.isEmpty()) return out;
        int p = port.get();
        List<PortHolder> holders = owners.holders(p);
        Map<Integer, String> own = owners.portsOf(tree);
        boolean oursHolds = holders.stream().anyMatch(h -> h.pid().map(tree::contains).orElse(false));
        for (PortHolder h : holders) {
            if (h.pid().map(tree::contains).orElse(false)) continue;
            out.add("port " + p + " is held by another program, " + h.describe() + " — " + spec.name()
                    + " could not bind it; `devlaunch clean` or `up` without --no-kill frees it");
        }
        if (oursHolds) {
            String addr = own.get(p);
            String checked = checkedHost(spec);
            if (addr != null && !addr.equals("0.0.0.0") && !addr.equals("::") && !sameLoopback(addr, checked)) {
                out.add(spec.name() + " listens on " + bracket(addr) + ":" + p + " only, but the check connects to " + checked);
            }
        } else if (holders.isEmpty()) {
            if (own.isEmpty()) {
                out.add("nothing listens on port " + p + ", and " + spec.name() + "'s processes listen on no port at all");
            } else {
                StringBuilder sb = new StringBuilder();
                own.forEach((op, addr) -> sb.append(sb.length() == 0 ? "" : ", ").append(bracket(addr)).append(':').append(op));
                out.add("nothing listens on port " + p + ", but " + spec.name() + " listens on " + sb
                        + " — its health check targets " + p + " (a different port in its own config?)");
            }
        }
        return out;
    }

    // The line that names the error: "ModuleNotFoundError: …", "java.lang.IllegalStateException: …", "Error: Cannot find module …".
    private static final Pattern NAMED_ERROR = Pattern.compile(
            "^\\s*(Exception in thread|[\\w.$]*(Error|Exception)\\b|panic:|FATAL|error(\\[\\w+\\])?:)");

    /**
     * The line that best says what went wrong: the first one naming an error or exception (so a
     * Python traceback gives its "…Error: …" line, not "Traceback"), else the first error-looking line.
     */
    public static Optional<String> firstErrorLine(List<String> lines) {
        Optional<String> named = lines.stream().filter(l -> NAMED_ERROR.matcher(l).find()).findFirst();
        return named.isPresent() ? named : lines.stream().filter(l -> ERROR_LINE.matcher(l).find()).findFirst();
    }

    private static Optional<Integer> checkedPort(ServiceSpec spec) {
        return spec.health().flatMap(HealthTarget::of).map(HealthTarget::port).or(() -> spec.ports().stream().findFirst());
    }

    private static String checkedHost(ServiceSpec spec) {
        return spec.health().flatMap(HealthTarget::of).map(HealthTarget::host).orElse("localhost");
    }

    private static boolean sameLoopback(String listening, String checked) {
        if (checked.equalsIgnoreCase("localhost")) return true;         // the check tries both loopbacks
        String c = checked.replace("[", "").replace("]", "");
        boolean v6 = listening.contains(":");
        return v6 ? c.contains(":") : !c.contains(":");
    }

    private static String bracket(String addr) {
        return addr.contains(":") ? "[" + addr + "]" : addr;
    }
}
