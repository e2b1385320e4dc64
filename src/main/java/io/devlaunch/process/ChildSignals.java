package io.devlaunch.process;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Linux: a child starts with every signal at its default disposition and none blocked, as a shell
 * would start it — not with what this JVM carries. A forked child copies the forking thread's mask
 * (HotSpot blocks SIGQUIT on every Java thread, so {@code stop-signal = QUIT} never arrived) and
 * exec keeps ignored signals ignored (NuProcess sets SIGPIPE to SIG_IGN for the whole JVM, so
 * {@code yes | head -1} said "Broken pipe"; a CI script's background job adds SIGINT and SIGQUIT).
 * <p>
 * Two layers, because neither alone covers both on every system:
 * <ul>
 * <li>the mask: the spawning thread's mask is emptied for the duration of the fork (in-process,
 *     free; env below unblocks too, this covers an env without the option). A SIGQUIT meanwhile
 *     may run the JVM's handler on this thread, or in the vfork()ed child before its exec: that
 *     handler only posts to the JVM's signal thread (a thread dump), safe either way.</li>
 * <li>dispositions are process-wide — resetting them here would let a SIGPIPE kill the JVM — so the
 *     child does it: coreutils {@code env --default-signal} (8.31+, which also unblocks) runs just
 *     before the program, in the same process (PID and start time stay the service's). One exec
 *     more, ~0.8 ms in the child (BENCHMARKS.md), none on the supervisor's loop. Where env lacks
 *     the option (busybox, older coreutils) it is left out rather than made to fail every start.</li>
 * </ul>
 */
final class ChildSignals {
    private static final String ENV = "/usr/bin/env";
    private static final String OPTION = "--default-signal";
    // glibc's sigset_t holds 1024 signals; an empty set is all zeroes.
    private static final int SIGSET_BYTES = 128;
    // Learnt at the first spawn that can read what it needs: a read that fails (out of descriptors)
    // is tried again at the next spawn, not remembered as "no env" for the rest of the run.
    private static volatile List<String> reset;

    private ChildSignals() {}

    /** The argv prefix that resets every disposition before the program runs; empty when unavailable. */
    static List<String> reset() {
        List<String> r = reset;
        return r != null ? r : prepare();
    }

    private static synchronized List<String> prepare() {
        if (reset != null) return reset;
        try {
            defaultInternalSignals();
            reset = findReset();
            return reset;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * glibc keeps signals 32 and 33 for itself and refuses sigaction() on them, so no program, env
     * included, can reset them in a child. Its posix_spawn() leaves them ignored in a child whose
     * parent had handlers, so a JVM started by the JDK's ProcessBuilder (a detached supervisor, an
     * IDE's, Maven's test JVM) ignores 32 and would pass that to every service. The kernel call that
     * glibc wraps sets them back to default here, once, as a JVM started from a shell has them: glibc
     * installs its handler before it ever uses them, and nothing else sends them.
     */
    private static void defaultInternalSignals() throws IOException {
        long number = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 13;       // rt_sigaction
            case "aarch64" -> 134;
            default -> -1;
        };
        if (number < 0) return;
        long ignored = ProcFs.system().signalSet(ProcessHandle.current().pid(), "SigIgn");
        Memory dfl = new Memory(64);        // the kernel's struct sigaction, all zero: SIG_DFL, no flags, empty mask
        dfl.clear();
        for (int sig : new int[] {32, 33}) {
            if ((ignored & (1L << (sig - 1))) != 0) LibC.get().syscall(number, sig, dfl, Pointer.NULL, 8);
        }
    }

    /** Runs {@code spawn} on this thread with no signal blocked, then puts the thread's mask back. */
    static <T> T withEmptyMask(Supplier<T> spawn) {
        LibC c = LibC.get();
        Memory empty = new Memory(SIGSET_BYTES);
        empty.clear();
        Memory saved = new Memory(SIGSET_BYTES);
        if (c.sigprocmask(LibC.SIG_SETMASK, empty, saved) != 0) return spawn.get();
        try {
            return spawn.get();
        } finally {
            c.sigprocmask(LibC.SIG_SETMASK, saved, Pointer.NULL);
        }
    }

    /**
     * Whether this env knows the option, from its own bytes: the option table holds the name. Asking
     * it to run would cost a process (and the JDK's reaper thread) in every supervisor.
     */
    private static List<String> findReset() throws IOException {
        Path env = Path.of(ENV);
        if (!Files.isExecutable(env)) return List.of();
        byte[] needle = OPTION.substring(2).getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = Files.newInputStream(env)) {
            byte[] buf = new byte[64 * 1024];
            int kept = 0;
            long read = 0;
            for (int n; read < 8L << 20 && (n = in.read(buf, kept, buf.length - kept)) > 0; read += n) {
                int len = kept + n;
                if (indexOf(buf, len, needle) >= 0) return List.of(ENV, OPTION, "--");
                kept = Math.min(needle.length - 1, len);          // a match may straddle two reads
                System.arraycopy(buf, len - kept, buf, 0, kept);
            }
        }
        return List.of();
    }

    private static int indexOf(byte[] a, int len, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= len; i++) {
            for (int j = 0; j < needle.length; j++) if (a[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
