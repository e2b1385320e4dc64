package io.devlaunch.health;

import io.devlaunch.manifest.HealthSpec;
import java.net.URI;
import java.util.regex.Pattern;

/** Builds the check a manifest's health block describes. */
public final class HealthChecks {
    private HealthChecks() {}

    public static HealthCheck from(HealthSpec spec, CommandCheck.Runner commandRunner) {
        return switch (spec.kind()) {
            case HTTP -> new HttpCheck(URI.create(spec.target()), spec.expectStatus());
            case TCP -> TcpCheck.parse(spec.target());
            case LOG -> new LogLineCheck(Pattern.compile(spec.target()));
            case COMMAND -> new CommandCheck(spec.command().display(), commandRunner);
        };
    }
}
