package io.devlaunch.health;

/** Is the service ready? One blocking probe, bounded by short timeouts. Implementations are immutable. */
public interface HealthCheck {

    /**
     * One attempt. Returns within {@link #budget()} whatever the other side does (accepts and says
     * nothing, trickles a byte a second, sleeps): probes of every service share a few threads, and a
     * probe that overstays holds one of them.
     */
    ProbeResult probe();

    /** The longest one {@link #probe()} may take; each check keeps to its own. */
    default java.time.Duration budget() {
        return java.time.Duration.ofSeconds(1);
    }

    /** What is checked, for messages: "GET http://127.0.0.1:8000/health". */
    String describe();

    /**
     * The longest wait between two start-up probes. A refused connect costs microseconds, so socket
     * checks stay close behind a server that prints nothing when it binds.
     */
    default long maxProbeDelayMs() {
        return 100;
    }

    /**
     * A cheap test for "the port is open now", when the check talks to a loopback port: the prober
     * runs it between probes while the service starts, and probes at once when it passes.
     */
    default java.util.Optional<ListenProbe> listenProbe() {
        return java.util.Optional.empty();
    }

    /** False for checks that cannot fail again once passed (a log line was seen). */
    default boolean canTurnUnhealthy() {
        return true;
    }
}
