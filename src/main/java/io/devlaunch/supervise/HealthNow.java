package io.devlaunch.supervise;

import io.devlaunch.health.HealthCheck;
import io.devlaunch.health.HealthChecks;
import io.devlaunch.health.ProbeResult;
import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.Environment;
import io.devlaunch.process.ProcessTree;
import java.util.Map;
import java.util.Optional;

/**
 * One probe of a service's health check, right now, for {@code status}. Empty when it has none that
 * can be probed. A proxied service is probed on its private port: its public one is devlaunch's own
 * proxy, which accepts whatever state the service is in.
 */
public final class HealthNow {
    private HealthNow() {}

    public static Optional<ProbeResult> probe(ServiceSpec spec) {
        return probe(spec, Map.of());
    }

    /** @param privateByPublic a proxied service's private port for each public one (empty: not proxied, or not known) */
    public static Optional<ProbeResult> probe(ServiceSpec spec, Map<Integer, Integer> privateByPublic) {
        Optional<HealthSpec> h = spec.health();
        if (h.isEmpty() || h.get().kind() == HealthSpec.Kind.LOG) return Optional.empty();    // a log line cannot be re-read
        Map<String, String> env;
        try {
            env = Environment.build(System.getenv(), spec.envFiles(), spec.env(), false);
        } catch (Environment.EnvFileException e) {
            return Optional.of(ProbeResult.notReady(e.getMessage()));
        }
        HealthCheck check = HealthChecks.from(h.get(), CommandOutcomes.runner(h.get().command(), spec.dir(), env,
                ProcessTree.forThisOs()), port -> privateByPublic.getOrDefault(port, port));
        return Optional.of(check.probe());
    }
}
