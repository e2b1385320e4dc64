package io.devlaunch.proxy;

import java.time.Duration;
import java.util.Map;

/** What a {@link PortProxy} does with a connection, as its owner last said. */
sealed interface Mode {
    /** Accept, read nothing, wait to be told; past {@code limit} a connection is refused. */
    record Hold(String state, Duration limit) implements Mode {}

    /** Connect each public port's connections to 127.0.0.1:private. */
    record Forward(Map<Integer, Integer> ports) implements Mode {
        public Forward {
            ports = Map.copyOf(ports);
            ports.values().forEach(p -> { if (p < 1 || p > 65535) throw new IllegalArgumentException("no such port: " + p); });
        }
    }

    /** Answer HTTP with a 503 naming the state and the reason; close anything else. */
    record Refuse(String state, String reason) implements Mode {}
}
