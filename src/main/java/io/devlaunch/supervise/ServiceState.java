package io.devlaunch.supervise;

import java.util.Locale;

/** Where a service is in its life; the names are the ones users see in {@code status}. */
public enum ServiceState {
    /** Waiting for its dependencies. */
    PENDING,
    /** Spawned (or running before-start), not yet healthy. */
    STARTING,
    HEALTHY,
    /** Was healthy; its check now fails. */
    UNHEALTHY,
    /** Crashed; a restart is scheduled. */
    BACKOFF,
    STOPPING,
    /** Stopped by devlaunch. */
    STOPPED,
    /** Ended by itself, no restart due. */
    EXITED,
    /** Gave up: crash loop, health timeout, or it could not start. */
    FAILED;

    /** A process of this service may be running. */
    public boolean hasProcess() {
        return this == STARTING || this == HEALTHY || this == UNHEALTHY || this == STOPPING;
    }

    /** Nothing more will happen to it unless someone starts it again. */
    public boolean isSettled() {
        return this == STOPPED || this == EXITED || this == FAILED;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a {@link #label()} names. */
    public static ServiceState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
