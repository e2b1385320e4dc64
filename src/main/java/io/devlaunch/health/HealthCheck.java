package io.devlaunch.health;

/** Is the service ready? One blocking probe, bounded by short timeouts. Implementations are immutable. */
public interface HealthCheck {

    ProbeResult probe();

    /** What is checked, for messages: "GET http://127.0.0.1:8000/health". */
    String describe();

    /**
     * The longest wait between two start-up probes. A refused connect costs microseconds, so socket
     * checks stay close behind a server that prints nothing when it binds.
     */
    default long maxProbeDelayMs() {
        return 100;
    }

    /** False for checks that cannot fail again once passed (a log line was seen). */
    default boolean canTurnUnhealthy() {
        return true;
    }
}
