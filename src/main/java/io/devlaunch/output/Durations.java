package io.devlaunch.output;

import java.time.Duration;

/** How durations read in devlaunch's messages: "0.84s", always two decimals. */
public final class Durations {
    private Durations() {}

    public static String seconds(Duration d) {
        long centis = Math.round(d.toNanos() / 1e7);     // no String.format: its classes cost a first-use pause
        long frac = centis % 100;
        return centis / 100 + "." + (frac < 10 ? "0" : "") + frac + "s";
    }
}
