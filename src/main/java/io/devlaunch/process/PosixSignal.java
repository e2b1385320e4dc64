package io.devlaunch.process;

/** The signals a manifest may name, with their numbers on Linux and on macOS/BSD. */
public enum PosixSignal {
    HUP(1, 1), INT(2, 2), QUIT(3, 3), KILL(9, 9), USR1(10, 30), USR2(12, 31), TERM(15, 15);

    private final int linux;
    private final int bsd;

    PosixSignal(int linux, int bsd) {
        this.linux = linux;
        this.bsd = bsd;
    }

    public int number() {
        return io.devlaunch.Os.current() == io.devlaunch.Os.MAC ? bsd : linux;
    }

    public static PosixSignal named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT).replaceFirst("^SIG", ""));
    }

    /** "SIGTERM" etc. for a signal number, or null when it is not one we name. */
    public static String nameOf(int number) {
        return switch (number) {
            case 1 -> "SIGHUP";
            case 2 -> "SIGINT";
            case 3 -> "SIGQUIT";
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 13 -> "SIGPIPE";
            case 15 -> "SIGTERM";
            default -> null;
        };
    }
}
