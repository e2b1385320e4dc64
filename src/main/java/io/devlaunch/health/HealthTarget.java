package io.devlaunch.health;

import io.devlaunch.manifest.HealthSpec;
import java.net.URI;
import java.util.Optional;

/**
 * The host and port an http or tcp check connects to, read from its target once: the checks
 * connect there, and diagnosis asks the OS who listens there.
 */
public record HealthTarget(String host, int port) {

    /** Empty for log and command checks, which target no socket. */
    public static Optional<HealthTarget> of(HealthSpec spec) {
        return switch (spec.kind()) {
            case HTTP -> Optional.of(ofUrl(URI.create(spec.target())));
            case TCP -> Optional.of(ofHostPort(spec.target()));
            case LOG, COMMAND -> Optional.empty();
        };
    }

    static HealthTarget ofUrl(URI uri) {
        return new HealthTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
    }

    /** "host:port", "[::1]:port", or a bare port (localhost). */
    static HealthTarget ofHostPort(String target) {
        int colon = target.lastIndexOf(':');
        if (colon < 0) return new HealthTarget("localhost", Integer.parseInt(target));
        return new HealthTarget(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    }
}
