package io.devlaunch.output;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This terminal in raw mode, for {@code attach}: every key goes through as typed (Ctrl+C too,
 * which then reaches the attached service, not devlaunch), nothing is echoed locally. Set and
 * restored with {@code stty} on {@code /dev/tty} — no native code — and restored by a shutdown
 * hook as well, so SIGTERM or SIGHUP leave the terminal as it was (only SIGKILL cannot).
 */
public final class RawMode implements AutoCloseable {
    private final String saved;
    private final Thread hook;
    private boolean restored;

    private RawMode(String saved) {
        this.saved = saved;
        this.hook = new Thread(this::restore, "devlaunch-restore-terminal");
    }

    /** True when standard input is a terminal (not a pipe or a file). */
    public static boolean stdinIsTerminal() {
        Path fd0 = Path.of("/proc/self/fd/0");
        try {
            if (Files.isSymbolicLink(fd0)) return Terminal.isTerminalDevice(Files.readSymbolicLink(fd0).toString());
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return System.console() != null;
    }

    /** Raw mode until {@link #close}. */
    public static RawMode enter() throws IOException {
        String saved = stty("-g").strip();
        RawMode mode = new RawMode(saved);
        Runtime.getRuntime().addShutdownHook(mode.hook);
        stty("raw", "-echo");
        return mode;
    }

    /** {rows, columns} of this terminal, or null when it cannot say. */
    public static int[] size() {
        try {
            String[] parts = stty("size").strip().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private synchronized void restore() {
        if (restored) return;
        restored = true;
        try {
            stty(saved);
        } catch (IOException e) {
            System.err.println("devlaunch: could not restore the terminal (" + e.getMessage() + "); `stty sane` does");
        }
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs (or ran) anyway
        }
    }

    private static String stty(String... args) throws IOException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "stty";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectInput(new File("/dev/tty")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IOException("stty " + String.join(" ", args) + " failed");
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
