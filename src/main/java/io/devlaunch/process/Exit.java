package io.devlaunch.process;

/**
 * How a process ended, as the OS reported it: an exit code, a signal — only when the OS says the
 * process was signalled —, or not known. A shell's {@code exit 137} is exit code 137, not SIGKILL,
 * and a code is never read as a signal number.
 *
 * @param value the exit code, or the signal's number
 */
public record Exit(Kind kind, int value) {
    public enum Kind {
        /** It exited with {@code value}. */
        CODE,
        /** The OS reports it killed by signal {@code value}. */
        SIGNAL,
        /** Its program could not be run (exec failed, or exit 127 as a shell says "command not found"). */
        NOT_RUN,
        /** Ended, but how is not known (someone else reaped it). */
        UNKNOWN
    }

    public static Exit code(int code) {
        return new Exit(Kind.CODE, code);
    }

    public static Exit signal(int number) {
        return new Exit(Kind.SIGNAL, number);
    }

    public static Exit unknown() {
        return new Exit(Kind.UNKNOWN, 0);
    }

    /**
     * What NuProcess alone reports, when the OS's own account could not be read first: it folds a
     * signal into its number and exit 127 into {@code MIN_VALUE}, so a small number is ambiguous.
     * It is taken as the exit code it looks like, never named as a signal.
     */
    static Exit fromNuProcess(int reported) {
        if (reported == Integer.MIN_VALUE) return new Exit(Kind.NOT_RUN, 127);
        if (reported == Integer.MAX_VALUE) return unknown();
        return code(reported);
    }

    /** Whether NuProcess's number is this exit folded as NuProcess folds it. */
    boolean foldsTo(int reported) {
        return switch (kind) {
            case CODE -> reported == value || (value == 127 && reported == Integer.MIN_VALUE);
            case SIGNAL -> reported == value;
            case NOT_RUN -> reported == Integer.MIN_VALUE;
            case UNKNOWN -> false;
        };
    }

    public boolean succeeded() {
        return kind == Kind.CODE && value == 0;
    }

    /** The exit code, or null when it did not exit with one (signalled, not run, unknown). */
    public Integer codeOrNull() {
        return kind == Kind.CODE ? value : null;
    }

    /** The signal's name ({@code SIGKILL}), or null when it was not signalled. */
    public String signalName() {
        if (kind != Kind.SIGNAL) return null;
        String name = PosixSignal.nameOf(value);
        return name != null ? name : "signal " + value;
    }

    /** "exited with code 1", "killed by SIGKILL", … */
    public String describe() {
        return switch (kind) {
            case CODE -> "exited with code " + value;
            case SIGNAL -> "killed by " + signalName();
            case NOT_RUN -> "could not run its program (exit 127: command not found?)";
            case UNKNOWN -> "ended (exit status unknown)";
        };
    }

    /** Short, for a table's EXIT column: {@code 1}, {@code SIGKILL}, {@code 127}, {@code ?}. */
    public String shortForm() {
        return switch (kind) {
            case CODE, NOT_RUN -> Integer.toString(value);
            case SIGNAL -> signalName();
            case UNKNOWN -> "?";
        };
    }
}
