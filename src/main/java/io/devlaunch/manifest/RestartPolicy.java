package io.devlaunch.manifest;

/** When a service that ended is started again. */
public enum RestartPolicy {
    /** Never: an ended service stays {@code exited}. */
    NO("no"),
    /** Only when it ended with a non-zero exit code or a signal. */
    ON_FAILURE("on-failure"),
    /** Whenever it ends, unless devlaunch stopped it. */
    ALWAYS("always");

    private final String key;

    RestartPolicy(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public boolean restartsAfter(int exitCode) {
        return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
    }

    public static RestartPolicy parse(String s) {
        for (RestartPolicy p : values()) if (p.key.equals(s)) return p;
        return null;
    }
}
