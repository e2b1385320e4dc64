package io.devlaunch.supervise;

import io.devlaunch.output.Durations;
import io.devlaunch.process.PosixSignal;
import java.time.Duration;

/** How exits and durations read in messages. */
final class Exits {
    private Exits() {}

    /**
     * NuProcess reports a signal death as the signal's number and a failed exec (or exit 127) as
     * {@code Integer.MIN_VALUE}; shells report a signalled child as 128+N.
     */
    static String describe(int code, boolean stoppedByUs) {
        if (code == Integer.MIN_VALUE) return "could not run its program (exit 127: command not found?)";
        if (code == Integer.MAX_VALUE) return "ended (exit status unknown)";
        if (stoppedByUs) {
            // NuProcess reports a signal death as the signal number; a shell reports 128+N.
            String sig = PosixSignal.nameOf(code > 128 && code < 160 ? code - 128 : code);
            return code != 0 && sig != null ? "by " + sig : "exit code " + code;
        }
        String signal = code > 128 && code < 160 ? PosixSignal.nameOf(code - 128) : null;
        return "exited with code " + code + (signal != null ? " (" + signal + ")" : "");
    }

    /** What an exit means for the service, in the state it led to: "exited with code 1 after 0.42s — restarting in 0.50s …". */
    static String afterExit(ServiceLifecycle life, ServiceState before, int code, boolean byUs, Duration ran,
                            io.devlaunch.manifest.ServiceSpec spec) {
        String how = describe(code, byUs);
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
    static boolean wantsItsOutput(ServiceState before, ServiceState now, int code) {
        return now == ServiceState.BACKOFF || (now == ServiceState.FAILED && before != ServiceState.STOPPING)
                || (now == ServiceState.EXITED && code != 0);
    }
}
