package io.devlaunch;

/**
 * A failure to report to the user as it is — one message saying what happened and what to do —
 * with the exit code it maps to. Never shown with a stack trace.
 */
public final class DevLaunchException extends RuntimeException {
    private final int exitCode;

    public DevLaunchException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static DevLaunchException failed(String message) {
        return new DevLaunchException(ExitCodes.FAILED, message);
    }

    public static DevLaunchException badInput(String message) {
        return new DevLaunchException(ExitCodes.BAD_INPUT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
