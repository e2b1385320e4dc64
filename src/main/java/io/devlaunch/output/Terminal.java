package io.devlaunch.output;

import java.io.PrintStream;

/**
 * Where devlaunch's own output goes, and whether it is coloured. Colour is on only for a terminal,
 * and off with {@code --no-color} or {@code NO_COLOR}; {@code FORCE_COLOR} turns it on for pipes.
 */
public final class Terminal {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

    public Terminal(PrintStream out, PrintStream err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    /** The process's own stdout/stderr; colour decided from the flag, the environment and isatty. */
    public static Terminal system(boolean noColorFlag) {
        boolean colour = wantsColour(noColorFlag, System.getenv("NO_COLOR"), System.getenv("FORCE_COLOR"),
                Terminal::stdoutIsTerminal);
        if (colour && io.devlaunch.Os.isWindows()) {
            // Jansi switches the Windows console into ANSI mode; elsewhere plain streams do.
            org.fusesource.jansi.AnsiConsole.systemInstall();
        }
        return new Terminal(System.out, System.err, colour);
    }

    static boolean wantsColour(boolean noColorFlag, String noColorEnv, String forceColorEnv,
                               java.util.function.BooleanSupplier isTerminal) {
        if (noColorFlag || (noColorEnv != null && !noColorEnv.isEmpty())) return false;
        if (forceColorEnv != null && !forceColorEnv.isEmpty() && !forceColorEnv.equals("0")
                && !forceColorEnv.equals("false")) return true;
        return isTerminal.getAsBoolean();
    }

    private static boolean stdoutIsTerminal() {
        // Linux names fd 1's target in /proc: no native library to unpack, which Jansi's isatty costs
        // (~40 ms of every command's start-up). Elsewhere Jansi asks isatty(1) itself; System.console()
        // would need stdin to be a terminal too.
        java.nio.file.Path fd1 = java.nio.file.Path.of("/proc/self/fd/1");
        if (java.nio.file.Files.isSymbolicLink(fd1)) {
            try {
                return isTerminalDevice(java.nio.file.Files.readSymbolicLink(fd1).toString());
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }
        try {
            return org.fusesource.jansi.AnsiConsole.out().getType() != org.fusesource.jansi.AnsiType.Redirected
                    && org.fusesource.jansi.AnsiConsole.out().getType() != org.fusesource.jansi.AnsiType.Unsupported;
        } catch (Throwable e) {      // no native library (noexec /tmp): be plain, never fail
            return System.console() != null;
        }
    }

    /** A pseudo-terminal, a virtual console or the controlling terminal; not a file, pipe or socket. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean colour() {
        return colour;
    }

    /** {@code text} wrapped in an SGR colour code when colour is on. */
    public String paint(String text, Palette.Colour c) {
        return colour ? c.sgr() + text + Palette.RESET : text;
    }
}
