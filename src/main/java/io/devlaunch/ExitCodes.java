package io.devlaunch;

/** devlaunch's exit codes, the contract scripts rely on (see PRODUCT.md). */
public final class ExitCodes {
    public static final int OK = 0;
    /** A service failed or is unhealthy, or a command could not do its job. */
    public static final int FAILED = 1;
    /** Bad manifest or bad usage. */
    public static final int BAD_INPUT = 2;
    /** Interrupted by the user (Ctrl+C). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}
}
