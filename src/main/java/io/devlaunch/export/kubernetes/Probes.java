package io.devlaunch.export.kubernetes;

import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.manifest.ServiceSpec;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Readiness and liveness probes from the health check: http → {@code httpGet} (path and port of the
 * URL; the pod's own address replaces the loopback host), tcp → {@code tcpSocket}, command →
 * {@code exec}. A log check has no probe: the first port's {@code tcpSocket} stands in when there
 * is one. Timing: {@link Timing}.
 */
final class Probes {
    private Probes() {}

    /** Adds both probes to {@code c} when the service has a check Kubernetes can run; notes go to {@code note}. */
    static void add(ContainerBuilder c, ServiceSpec s, Consumer<String> note) {
        Optional<HealthSpec> h = s.health();
        if (h.isEmpty()) return;
        Timing t = Timing.of(h.get().timeout());
        Optional<ProbeBuilder> check = check(h.get(), s, note);
        if (check.isEmpty()) return;
        c.withReadinessProbe(timed(check.get(), t, t.readinessFailures()));
        c.withLivenessProbe(timed(check.get(), t, t.livenessFailures()));
        note.accept("probes every " + t.periodSeconds() + "s (health timeout " + Timing.seconds(h.get().timeout())
                + "s / 12); not ready after " + t.readinessFailures() + " misses, restarted after "
                + t.livenessFailures() + " (one health timeout)");
    }

    private static Probe timed(ProbeBuilder check, Timing t, int failures) {
        return new ProbeBuilder(check.build()).withPeriodSeconds(t.periodSeconds()).withTimeoutSeconds(t.timeoutSeconds())
                .withFailureThreshold(failures).withSuccessThreshold(1).build();
    }

    private static Optional<ProbeBuilder> check(HealthSpec h, ServiceSpec s, Consumer<String> note) {
        switch (h.kind()) {
            case HTTP -> {
                URI u = URI.create(h.target());
                boolean https = "https".equalsIgnoreCase(u.getScheme());
                int port = u.getPort() > 0 ? u.getPort() : https ? 443 : 80;
                String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
                if (h.expectStatus() != 0) {
                    note.accept("health expects status " + h.expectStatus() + "; an httpGet probe passes on any 200-399");
                }
                return Optional.of(new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(port))
                        .withScheme(https ? "HTTPS" : "HTTP").endHttpGet());
            }
            case TCP -> {
                String target = h.target();
                int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
                return Optional.of(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket());
            }
            case COMMAND -> {
                return Optional.of(new ProbeBuilder().withNewExec().withCommand(Commands.argv(h.command())).endExec());
            }
            case LOG -> {
                if (s.ports().isEmpty()) {
                    note.accept("the log health check (" + h.target() + ") has no Kubernetes probe; no probes");
                    return Optional.empty();
                }
                note.accept("the log health check has no Kubernetes probe; a tcpSocket probe on port " + s.ports().get(0)
                        + " stands in");
                return Optional.of(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(s.ports().get(0)))
                        .endTcpSocket());
            }
            default -> throw new IllegalStateException(h.kind().toString());
        }
    }

}
