package io.devlaunch.supervise;

import io.devlaunch.process.Exit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A service as it is right now, for records and {@code status}. {@code pid} is -1 with no process;
 * {@code privatePorts} maps a proxied service's public ports to this run's private ones (else empty);
 * {@code lastExit} how its last run ended by itself, null when none did (or it was stopped or
 * restarted on purpose: that is no crash, and a fresh instance has no last exit).
 */
public record ServiceStatus(String name, ServiceState state, long pid, Instant startedAt, List<Integer> ports,
                            Map<Integer, Integer> privatePorts, int restarts, Exit lastExit) {

    /** As a dependency: satisfied once healthy (or unhealthy: it did come up) — or, for a one-shot task, once it exited 0. */
    public boolean satisfiesDependents() {
        return state == ServiceState.HEALTHY || state == ServiceState.UNHEALTHY
                || (state == ServiceState.EXITED && exitedCleanly());
    }

    /** Ended by itself with exit code 0. */
    public boolean exitedCleanly() {
        return lastExit != null && lastExit.succeeded();
    }
}
