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
 * spaces and parentheses) and what a failed read means live in one place: only "no such file" or
 * "no such process" says a process is gone. Any other failure — out of file descriptors (EMFILE),
 * permission denied — is thrown as an {@link IOException}: it says nothing about the process, and a
 * caller that read it as "gone" would SIGKILL healthy services (it did, at 1,024 open descriptors).
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

    /**
     * The process's stat fields, or empty when it is gone.
     *
     * @throws IOException when {@code /proc} could not be read: whether the process runs is unknown
     */
    public Optional<Stat> stat(long pid) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(STAT_BYTES);
        try (FileChannel ch = FileChannel.open(root.resolve(Long.toString(pid)).resolve("stat"))) {
            while (buf.hasRemaining() && ch.read(buf) > 0) { /* a short read is possible on procfs */ }
        } catch (IOException e) {
            if (meansGone(e)) return Optional.empty();
            throw e;
        }
        return parseStat(pid, buf.array(), buf.position());
    }

    /**
     * True when {@code pid} no longer runs; a zombie counts as gone.
     *
     * @throws IOException when {@code /proc} could not be read: whether it runs is unknown
     */
    public boolean gone(long pid) throws IOException {
        return stat(pid).map(Stat::zombie).orElse(true);
    }

    /**
     * Whether a failed read of {@code /proc/PID/…} means the process is gone: its folder is missing
     * (ENOENT), or it exited between open and read (ESRCH, which Java gives only as its text).
     */
    static boolean meansGone(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return true;
        String why = e instanceof java.nio.file.FileSystemException f ? f.getReason() : e.getMessage();
        return "No such process".equals(why);
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

    /**
     * Every PID listed right now.
     *
     * @throws IOException when {@code /proc} could not be listed (never "no processes")
     */
    public List<Long> pids() throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
            for (Path d : dirs) {
                String name = d.getFileName().toString();
                if (isNumber(name)) out.add(Long.parseLong(name));
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        return out;
    }

    /**
     * Where each open file descriptor of {@code pid} points ("socket:[123]", a path …); empty when
     * unreadable (another user's process, as often as not). Used only to name who holds a port, where
     * a holder not found is one not stopped.
     */
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
     *
     * @throws IOException when they could not be read
     */
    public List<Long> childrenOfSelf() throws IOException {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(root.resolve("self").resolve("task"))) {
            for (Path t : tasks) {
                String list;
                try {
                    list = Files.readString(t.resolve("children"));
                } catch (IOException e) {
                    if (!meansGone(e)) throw e;
                    if (!Files.exists(t) || !(e instanceof java.nio.file.NoSuchFileException)) continue;  // the thread ended meanwhile
                    return null;                          // no CONFIG_PROC_CHILDREN
                }
                for (String pid : list.trim().split("\\s+")) if (isNumber(pid)) out.add(Long.parseLong(pid));
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        return out;
    }

    /**
     * A signal set of {@code /proc/PID/status} ("SigIgn", "SigBlk" …), signal N at bit N-1.
     *
     * @throws java.nio.file.NoSuchFileException when the process is gone
     * @throws IOException when it could not be read
     */
    public long signalSet(long pid, String field) throws IOException {
        String prefix = field + ":";
        for (String line : Files.readAllLines(root.resolve(Long.toString(pid)).resolve("status"))) {
            if (line.startsWith(prefix)) return Long.parseUnsignedLong(line.substring(prefix.length()).trim(), 16);
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    /**
     * A file under {@code /proc} as text ("net/tcp"); empty when it does not exist.
     *
     * @throws IOException when it exists but could not be read
     */
    public Optional<String> read(String relative) throws IOException {
        try {
            return Optional.of(Files.readString(root.resolve(relative)));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) return false;
        for (int i = 0; i < name.length(); i++) if (!Character.isDigit(name.charAt(i))) return false;
        return true;
    }
}
