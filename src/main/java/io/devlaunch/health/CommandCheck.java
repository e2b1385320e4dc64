package io.devlaunch.health;

import java.time.Duration;

/** Ready when a command exits 0. The command is run by whoever owns processes (see {@link Runner}). */
public final class CommandCheck implements HealthCheck {
    /** One run of the command; past it, the command is killed (its whole tree) and the probe has failed. */
    public static final Duration BUDGET = Duration.ofSeconds(5);

    /** Runs the check command once; by {@code timeout} it has returned, and killed the command if it was still running. */
    public interface Runner {
        Outcome run(Duration timeout);
    }

    /** @param exitCode null when it timed out or could not start; {@code lastLine} its last output */
    public record Outcome(Integer exitCode, String lastLine, String failure) {}

    private final String display;
    private final Runner runner;

    public CommandCheck(String display, Runner runner) {
        this.display = display;
        this.runner = runner;
    }

    /** Each probe starts a process: poll like wait-on does rather than ten times a second. */
    @Override
    public long maxProbeDelayMs() {
        return 250;
    }

    @Override
    public Duration budget() {
        return BUDGET;
    }

    @Override
    public ProbeResult probe() {
        Outcome o = runner.run(BUDGET);
        String what = "`" + display + "`";
        if (o.exitCode() == null) return ProbeResult.notReady(what + " " + o.failure());
        String tail = o.lastLine() == null || o.lastLine().isBlank() ? "" : ": " + o.lastLine().strip();
        return o.exitCode() == 0 ? ProbeResult.ready(what + " exited 0")
                                 : ProbeResult.notReady(what + " exited " + o.exitCode() + tail);
    }

    @Override
    public String describe() {
        return "`" + display + "` exiting 0";
    }
}
