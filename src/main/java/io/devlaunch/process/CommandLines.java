package io.devlaunch.process;

/** A process's command line for messages, shortened; "command unknown" when the OS won't say. */
public final class CommandLines {
    private CommandLines() {}

    public static String of(long pid) {
        String c = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command())).orElse("command unknown");
        return io.devlaunch.ports.PortHolder.abbreviate(c, 100);
    }
}
