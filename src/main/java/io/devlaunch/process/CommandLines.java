package io.devlaunch.process;

/** A process's command line for messages, shortened; "command unknown" when the OS won't say. */
public final class CommandLines {
    private CommandLines() {}

    public static String of(long pid) {
        String c = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command())).orElse("command unknown");
        return abbreviate(c, 100);
    }

    /** Long command lines keep their start and their end (where a script or main class is named). */
    public static String abbreviate(String s, int max) {
        if (s.length() <= max) return s;
        int head = max / 3;
        return s.substring(0, head) + " … " + s.substring(s.length() - (max - head - 3));
    }
}
