package io.devlaunch.supervise;

import io.devlaunch.output.Durations;
import io.devlaunch.process.Exit;
import java.time.Duration;

/** How exits and durations read in messages. */
final class Exits {
    private Exits() {}

    /**
     * An exit as it was: by itself, {@link Exit#describe()} ("exited with code 1", "killed by
     * SIGKILL"); after devlaunch's stop, "by SIGTERM" when the signal ended it, or "exited 1 after
     * SIGTERM" when the service exited with a code of its own.
     */
    static String describe(Exit exit, boolean stoppedByUs, String stopSignal) {
        if (!stoppedByUs) return exit.describe();
        return switch (exit.kind()) {
            case SIGNAL -> "by " + exit.signalName();
            case CODE -> "exited " + exit.value() + " after SIG" + stopSignal;
            default -> exit.describe();
        };
    }

    /** What an exit means for the service, in the state it led to: "exited with code 1 after 0.42s — restarting in 0.50s …". */
    static String afterExit(ServiceLifecycle life, ServiceState before, Exit exit, boolean byUs, Duration ran,
                            io.devlaunch.manifest.ServiceSpec spec) {
        String how = describe(exit, byUs, spec.stopSignal());
        return switch (life.state()) {
            case STOPPED -> "stopped (" + how + ")";
            case EXITED -> how + " after " + Durations.seconds(ran);
            case BACKOFF -> how + " after " + Durations.seconds(ran) + " — restarting in " + Durations.seconds(life.lastBackoff())
                    + " (crash " + life.recentCrashes() + "; gives up after " + spec.maxRestarts() + " within "
                    + spec.restartWindow().toSeconds() + "s)";
            case FAILED -> before == ServiceState.STOPPING
                    ? "FAILED: stopped after its health check never passed"
                    : "FAILED: " + how + " after " + Durations.seconds(ran) + " — crashed "
                      + (life.recentCrashes() == 1 ? "once" : life.recentCrashes() + " times") + " within "
                      + spec.restartWindow().toSeconds() + "s, not restarting again";
            default -> how;
        };
    }

    /** "not healthy after 60.00s — GET … never passed; last attempt: …", then one "why:" line per finding. */
    static String notHealthy(java.time.Duration took, String check, String lastAttempt, java.util.List<String> why) {
        StringBuilder sb = new StringBuilder("not healthy after ").append(Durations.seconds(took)).append(" — ").append(check)
                .append(" never passed; last attempt: ").append(lastAttempt).append('.');
        for (String w : why) sb.append("\n  why: ").append(w);
        return sb.append("\n  Stopping it.").toString();
    }

    /** An exit that needs explaining shows the run's last lines: a crash, a give-up, a one-shot that failed. */
    static boolean wantsItsOutput(ServiceState before, ServiceState now, Exit exit) {
        return now == ServiceState.BACKOFF || (now == ServiceState.FAILED && before != ServiceState.STOPPING)
                || (now == ServiceState.EXITED && !exit.succeeded());
    }
}
