package io.devlaunch.health;

import io.devlaunch.manifest.HealthSpec;
import java.net.URI;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/** Builds the check a manifest's health block describes. */
public final class HealthChecks {
    private HealthChecks() {}

    public static HealthCheck from(HealthSpec spec, CommandCheck.Runner commandRunner) {
        return from(spec, commandRunner, IntUnaryOperator.identity());
    }

    /** @param probedPort where a check that names port P connects: P itself, or a proxied service's private port */
    public static HealthCheck from(HealthSpec spec, CommandCheck.Runner commandRunner, IntUnaryOperator probedPort) {
        return switch (spec.kind()) {
            case HTTP -> {
                URI uri = URI.create(spec.target());
                yield new HttpCheck(uri, spec.expectStatus(), probedPort.applyAsInt(HealthTarget.ofUrl(uri).port()));
            }
            case TCP -> {
                HealthTarget t = HealthTarget.ofHostPort(spec.target());
                yield new TcpCheck(t.host(), probedPort.applyAsInt(t.port()));
            }
            case LOG -> new LogLineCheck(Pattern.compile(spec.target()));
            case COMMAND -> new CommandCheck(spec.command().display(), commandRunner);
        };
    }
}
