package io.devlaunch.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linux: the one reader of {@code /proc} — a process's {@code stat} line (parent, group, session,
 * state), the list of PIDs, and the targets of a process's file descriptors. Everything that asks
 * the kernel about processes goes through here, so the parsing rules (the command name may hold
 * spaces and parentheses; a vanished process is "gone", not an error) live in one place.
 */
public final class ProcFs {
    /** One process's {@code /proc/PID/stat} fields that devlaunch uses. */
    public record Stat(long pid, long ppid, long pgrp, long session, char state) {
        /** A zombie looks alive to {@code ProcessHandle.isAlive()} but has nothing left to stop. */
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    // /proc/PID/stat is ~300 bytes; the command name is at most 16 bytes (64 for kernel threads).
    private static final int STAT_BYTES = 1024;

    private final Path root;
    private final boolean available;

    public ProcFs(Path root) {
        this.root = root;
        this.available = Files.isDirectory(root);
    }

    public static ProcFs system() {
        return SYSTEM;
    }

    private static final ProcFs SYSTEM = new ProcFs(Path.of("/proc"));

    /** False where there is no {@code /proc} (macOS, Windows): callers use the JDK's view instead. */
    public boolean available() {
        return available;
    }

    /** The process's stat fields, or empty when it is gone (or this is not Linux). */
    public Optional<Stat> stat(long pid) {
        ByteBuffer buf = ByteBuffer.allocate(STAT_BYTES);
        try (FileChannel ch = FileChannel.open(root.resolve(Long.toString(pid)).resolve("stat"))) {
            while (buf.hasRemaining() && ch.read(buf) > 0) { /* a short read is possible on procfs */ }
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
        return parseStat(pid, buf.array(), buf.position());
    }

    /** True when {@code pid} no longer runs; a zombie counts as gone. */
    public boolean gone(long pid) {
        return stat(pid).map(Stat::zombie).orElse(true);
    }

    static Optional<Stat> parseStat(long pid, byte[] a, int len) {
        int close = -1;
        for (int i = len - 1; i >= 0; i--) {
            if (a[i] == ')') {
                close = i;
                break;
            }
        }
        if (close < 0 || close + 2 >= len) return Optional.empty();
        // After "comm) ": state ppid pgrp session ...
        int[] pos = {close + 4};
        long ppid = number(a, len, pos);
        long pgrp = number(a, len, pos);
        long session = number(a, len, pos);
        if (session == Long.MIN_VALUE) return Optional.empty();
        return Optional.of(new Stat(pid, ppid, pgrp, session, (char) a[close + 2]));
    }

    private static long number(byte[] a, int len, int[] pos) {
        int i = pos[0];
        if (i >= len) return Long.MIN_VALUE;
        boolean negative = a[i] == '-';
        if (negative) i++;
        long v = 0;
        int start = i;
        for (; i < len && a[i] >= '0' && a[i] <= '9'; i++) v = v * 10 + (a[i] - '0');
        if (i == start) return Long.MIN_VALUE;
        pos[0] = i + 1;
        return negative ? -v : v;
    }

    /**
     * The process's start time as the kernel keeps it ({@code /proc/PID/stat} field 22, clock ticks
     * since boot): exact, where the JDK's start instant is rounded and shifts with the wall clock.
     * Empty when it is gone or a zombie. The watchdog compares this very number before each kill.
     */
    public java.util.OptionalLong startTicks(long pid) {
        ByteBuffer buf = ByteBuffer.allocate(STAT_BYTES);
        try (FileChannel ch = FileChannel.open(root.resolve(Long.toString(pid)).resolve("stat"))) {
            while (buf.hasRemaining() && ch.read(buf) > 0) { /* a short read is possible on procfs */ }
        } catch (IOException | SecurityException e) {
            return java.util.OptionalLong.empty();
        }
        return parseStartTicks(buf.array(), buf.position());
    }

    static java.util.OptionalLong parseStartTicks(byte[] a, int len) {
        int close = -1;
        for (int i = len - 1; i >= 0; i--) {
            if (a[i] == ')') {
                close = i;
                break;
            }
        }
        if (close < 0 || close + 2 >= len || a[close + 2] == 'Z' || a[close + 2] == 'X') return java.util.OptionalLong.empty();
        // After "comm) ": field 3 (state) … field 22 (starttime); skip 19 fields past the state.
        int i = close + 2;
        for (int field = 3; field < 22; field++) {
            while (i < len && a[i] != ' ') i++;
            i++;
        }
        int[] pos = {i};
        long v = number(a, len, pos);
        return v == Long.MIN_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /**
     * The children of {@code pid}, from {@code /proc/PID/task/TID/children} of each of its threads:
     * a few small reads per process, where listing all of {@code /proc} reads every process on the
     * machine. Null when the kernel does not offer those lists; empty when the process is gone.
     */
    public List<Long> childrenOf(long pid) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("task"))) {
            for (Path t : tasks) {
                String list;
                try {
                    list = Files.readString(t.resolve("children"));
                } catch (java.nio.file.NoSuchFileException e) {
                    if (!Files.exists(t)) continue;       // the thread ended meanwhile
                    return null;                          // no CONFIG_PROC_CHILDREN
                }
                for (String child : list.trim().split("\\s+")) if (isNumber(child)) out.add(Long.parseLong(child));
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return out;                                   // it exited
        } catch (IOException | SecurityException e) {
            return out;
        }
        return out;
    }

    /** Every PID listed right now. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (isNumber(name)) out.add(Long.parseLong(name));
            }
        } catch (IOException e) {
            // /proc unreadable: "nothing found"; callers fall back
        }
        return out;
    }

    /** Where each open file descriptor of {@code pid} points ("socket:[123]", a path …); empty when unreadable. */
    public List<String> fdTargets(long pid) {
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    out.add(Files.readSymbolicLink(fd).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | SecurityException e) {
            // another user's process, or it exited while we looked
        }
        return out;
    }

    /**
     * This process's children, from {@code /proc/self/task/TID/children} of every thread (a child's
     * parent is the thread that forked it); null when the kernel does not offer those lists.
     */
    public List<Long> childrenOfSelf() {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve("self").resolve("task"))) {
            for (Path t : tasks) {
                String list;
                try {
                    list = Files.readString(t.resolve("children"));
                } catch (java.nio.file.NoSuchFileException e) {
                    if (!Files.exists(t)) continue;       // the thread ended meanwhile
                    return null;                          // no CONFIG_PROC_CHILDREN
                }
                for (String pid : list.trim().split("\\s+")) if (isNumber(pid)) out.add(Long.parseLong(pid));
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
        return out;
    }

    /** A file under {@code /proc} as text ("net/tcp"); empty when it does not exist. */
    public Optional<String> read(String relative) {
        try {
            return Optional.of(Files.readString(root.resolve(relative)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return false;
        return true;
    }
}
