package io.devlaunch.export;

import java.time.Duration;

/** A duration as Compose and systemd both read it: whole seconds as {@code 90s}, else {@code 1500ms}. */
public final class TimeSpans {
    private TimeSpans() {}

    public static String of(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
