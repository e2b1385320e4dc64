package io.devlaunch.supervise;

import io.devlaunch.lines.LineBatch;
import io.devlaunch.output.LogFile;
import io.devlaunch.output.Palette;
import io.devlaunch.output.RecentLines;
import java.io.IOException;
import java.util.List;

/**
 * Where one service's output lines go, on the pump thread that read them: its log-line health
 * check, the ring a crash report quotes, its log file, the console, and the other listeners
 * (dashboard). Nothing here waits for the console — it skips when far behind — so the pump, which
 * also delivers exits, is never held up by a terminal that stopped reading.
 */
final class ServiceOutput {
    static final int CRASH_LINES = 20;

    private final String name;
    private final Palette.Colour colour;
    private final RunContext ctx;
    private final HealthWatch health;
    private final RecentLines recent = new RecentLines(200);
    private final LogFile logFile;

    ServiceOutput(String name, Palette.Colour colour, RunContext ctx, HealthWatch health) throws IOException {
        this.name = name;
        this.colour = colour;
        this.ctx = ctx;
        this.health = health;
        // The warning comes from a pump or the flusher: it hops to the loop, which says it.
        this.logFile = ctx.logs().open(name, warning -> ctx.loop().execute(() -> ctx.console().say(name, warning)));
    }

    void lines(boolean stderr, LineBatch lines) {
        // Readiness first: a server's "listening" line should trigger a probe before anything else.
        health.output(lines);
        recent.add(lines);
        logFile.write(lines, System.currentTimeMillis());
        ctx.console().print(name, colour, lines);
        ctx.output().onLines(name, stderr, lines);
    }

    /** On the pump, as the child's exit is seen: its last lines are on disk before the exit is reported. */
    void flush() {
        logFile.flush();
    }

    /** A new start: a crash report shows this run's output, not the previous run's. */
    void newRun() {
        recent.clear();
    }

    /** The last lines of this run, for a crash report. */
    List<String> last() {
        return recent.last(CRASH_LINES);
    }
}
