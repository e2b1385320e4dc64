package io.devlaunch.control;

/** A process's command line for messages, shortened; "command unknown" when the OS won't say. */
final class CommandLines {
    private CommandLines() {}

    static String of(long pid) {
        String c = ProcessHandle.of(pid).flatMap(h -> h.info().commandLine().or(() -> h.info().command())).orElse("command unknown");
        return io.devlaunch.ports.PortHolder.abbreviate(c, 100);
    }
}
