package io.devlaunch.supervise;

import java.time.Instant;
import java.util.List;

/** A service as it is right now, for records and {@code status}. {@code pid} is -1 with no process. */
public record ServiceStatus(String name, ServiceState state, long pid, Instant startedAt, List<Integer> ports,
                            int restarts, Integer lastExit) {

    /** As a dependency: satisfied once healthy (or unhealthy: it did come up) — or, for a one-shot task, once it exited 0. */
    public boolean satisfiesDependents() {
        return state == ServiceState.HEALTHY || state == ServiceState.UNHEALTHY
                || (state == ServiceState.EXITED && Integer.valueOf(0).equals(lastExit));
    }
}
