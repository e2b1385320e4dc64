package io.devlaunch.process;

import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * Linux: this process's file descriptors, for saying what ran out. When they are exhausted every
 * open fails — a read of {@code /proc}, a pipe for a child — and the failure must name the cause
 * ("too many open files (limit 1024)"), not a symptom ("check that the program exists").
 */
final class Descriptors {
    // NuProcess takes three pipes for a child and the JDK's fork one more: eight descriptors a spawn needs.
    private static final int SPAWN_NEEDS = 8;

    private Descriptors() {}

    /**
     * "too many open files (limit 1024); raise the limit …" when fewer descriptors than a spawn needs
     * are left, else null. Opens and closes a few.
     */
    static String exhausted() {
        LibC c = LibC.get();
        int[] opened = new int[SPAWN_NEEDS];
        int n = 0;
        int errno = 0;
        for (; n < SPAWN_NEEDS; n++) {
            opened[n] = c.eventfd(0, LibC.EFD_CLOEXEC);
            if (opened[n] < 0) {
                errno = Native.getLastError();
                break;
            }
        }
        for (int i = 0; i < n; i++) c.close(opened[i]);
        if (errno == LibC.EMFILE) return withHint(tooMany());
        if (errno == LibC.ENFILE) return withHint("the system is out of file descriptors (too many open files in system)");
        return null;
    }

    /** The cause with what to do about it, when there is something to do. */
    static String withHint(String cause) {
        if (cause.startsWith("too many open files")) return cause + "; raise the limit (ulimit -n) or find what holds them";
        if (cause.startsWith("the system is out of")) return cause + "; raise fs.file-max or find what holds them";
        return cause;
    }

    /** What an unreadable {@code /proc} says about the cause, in words. */
    static String describe(IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if ("Too many open files".equals(reason)) return tooMany();
        if ("Too many open files in system".equals(reason)) return "the system is out of file descriptors (too many open files in system)";
        if (e instanceof AccessDeniedException) return "permission denied (" + e.getMessage() + ")";
        return reason == null ? e.getClass().getSimpleName() : reason.toLowerCase(java.util.Locale.ROOT);
    }

    private static String tooMany() {
        long[] limit = new long[2];
        boolean known = LibC.get().getrlimit(LibC.RLIMIT_NOFILE, limit) == 0;
        return "too many open files" + (known ? " (limit " + limit[0] + ")" : "");
    }
}
