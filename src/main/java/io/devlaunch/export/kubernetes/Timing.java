package io.devlaunch.export.kubernetes;

import java.time.Duration;

/**
 * Probe timing from the health check's {@code timeout} (T, default 60s): devlaunch gives a service T
 * to become healthy, then gives up. Probes run every P = T/12 seconds (1–10; 5s for 60s), each
 * attempt may take min(P, 5)s. Readiness takes a pod out of its Service after 3 misses in a row;
 * liveness restarts the container after ceil(T/P) misses — a service that does not answer for a
 * whole health timeout, at start-up or later, is restarted, where devlaunch would have given up.
 */
record Timing(int periodSeconds, int timeoutSeconds, int readinessFailures, int livenessFailures) {
    static final int READINESS_FAILURES = 3;

    static Timing of(Duration healthTimeout) {
        int t = (int) Math.max(1, (healthTimeout.toMillis() + 999) / 1000);
        int p = Math.max(1, Math.min(10, t / 12));
        int live = Math.max(READINESS_FAILURES, (t + p - 1) / p);
        return new Timing(p, Math.min(p, 5), READINESS_FAILURES, live);
    }

    /** Whole seconds, rounded up (a stop-timeout of 1.5s gives 2s of grace). */
    static long seconds(Duration d) {
        return Math.max(0, (d.toMillis() + 999) / 1000);
    }
}
