package io.devlaunch.supervise;

import java.time.Duration;

/** What the pure {@link ServiceLifecycle} asks its runner to do. */
public sealed interface Action {
    /** Run before-start, then spawn the command and start the readiness check. */
    record Spawn() implements Action {}

    /** Send the stop signal to the whole tree; SIGKILL after {@code grace}. */
    record Stop(Duration grace) implements Action {}

    /** Restart after {@code delay}. */
    record ScheduleRetry(Duration delay) implements Action {}

    /** Forget scheduled retries and kills. */
    record CancelTimers() implements Action {}
}
