package io.devlaunch.health;

/** One probe's outcome and what was actually found ("GET /health → 200", "connection refused"). */
public record ProbeResult(boolean ready, String detail) {

    public static ProbeResult ready(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult notReady(String detail) {
        return new ProbeResult(false, detail);
    }
}
