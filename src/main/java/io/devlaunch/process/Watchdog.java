package io.devlaunch.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Linux: what stops the services when the supervisor dies without stopping them (SIGKILL, the OOM
 * killer, a JVM crash), when nothing of the supervisor runs any more. A POSIX {@code sh} running
 * {@code watchdog.sh} (about a megabyte; no second JVM), in a session of its own so a signal to the
 * supervisor's group or terminal does not reach it, reads a pipe only this process writes to. It
 * is told every process of every service tree as PID plus start time, and acts on end-of-file:
 * the kernel closes the pipe's write end however this JVM dies. Idle, it is blocked in a read.
 *
 * <p>Services start in sessions of their own and this process is a child subreaper, so while it
 * lives every process they start — a setsid daemon, a double fork — is its descendant outside its
 * session. One thread walks that tree ({@link #SYNC_EVERY}, and right after each spawn) and sends
 * what changed; after the supervisor's death those processes belong to init and only the told
 * list finds them. The walk reads {@code /proc/PID/task/TID/children} of our own tree only.
 */
public final class Watchdog {
    /** How often the tree is walked for processes that appeared or ended since. */
    static final Duration SYNC_EVERY = Duration.ofMillis(250);
    private static final Duration DISMISS_WAIT = Duration.ofSeconds(2);
    // The tree walks and the orphan reaper leave our watchdogs alone: its own stop must not kill it.
    private static final Set<Long> PIDS = ConcurrentHashMap.newKeySet();

    private final Process process;
    private final ProcessIdentity identity;
    private final OutputStream pipe;
    private final Consumer<String> say;
    private final ScheduledExecutorService thread;
    private final Map<Long, Long> leaderTimeouts = new ConcurrentHashMap<>();   // leader PID → its stop-timeout, ms
    // PID → the "START MS [g]" told for it; the thread only. A leader may be found by a walk before
    // watch() names its stop-timeout: a changed line is told again (`add` replaces).
    private final Map<Long, String> told = new HashMap<>();
    private final long defaultTimeoutMs;
    private boolean broken;                                                      // the thread only
    private volatile boolean dismissed;

    private Watchdog(Process process, Consumer<String> say, Duration defaultTimeout) {
        this.defaultTimeoutMs = defaultTimeout.toMillis();
        this.process = process;
        this.identity = ProcessIdentity.of(process.toHandle()).orElse(new ProcessIdentity(process.pid(), 0));
        this.pipe = process.getOutputStream();
        this.say = say;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devlaunch-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the watchdog; {@code longestStopTimeout} is the grace of a process whose service is not
     * known (an orphan that left its service's session). Empty (said through {@code say}, once) where it cannot run: then a killed
     * supervisor's services run on until {@code devlaunch clean} or the next {@code up}.
     */
    public static Optional<Watchdog> start(Consumer<String> say, Duration longestStopTimeout) {
        if (io.devlaunch.Os.current() != io.devlaunch.Os.LINUX || !ProcFs.system().available()) return Optional.empty();
        String script;
        try (InputStream in = Watchdog.class.getResourceAsStream("watchdog.sh")) {
            if (in == null) throw new IOException("watchdog.sh is missing from the jar");
            script = compact(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            say.accept(unwatched(e.getMessage()));
            return Optional.empty();
        }
        java.util.List<String> cmd = new java.util.ArrayList<>();
        // setsid: a session and group of its own, so Ctrl+C or a kill of our group does not reach it.
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(java.util.List.of("/bin/sh", "-c", script, "devlaunch-watchdog"));
        try {
            // Output to /dev/null: holding our stdout would keep `devlaunch up | cat` from ever ending.
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            PIDS.add(p.pid());
            Watchdog w = new Watchdog(p, say, longestStopTimeout);
            w.thread.scheduleWithFixedDelay(w::sync, SYNC_EVERY.toMillis(), SYNC_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            // The JDK already waits for it: someone killing it mid-run is said at once, not at the next write.
            p.onExit().thenRun(() -> {
                if (!w.dismissed) say.accept(w.ended("exit " + p.exitValue()));
            });
            return Optional.of(w);
        } catch (IOException e) {
            say.accept(unwatched("cannot start /bin/sh: " + e.getMessage()));
            return Optional.empty();
        }
    }

    /** The script without its comments and indentation: it is the watchdog's command line, which `ps` shows. */
    static String compact(String script) {
        StringBuilder out = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) out.append(t).append('\n');
        }
        return out.toString();
    }

    private static String unwatched(String why) {
        return "no watchdog (" + why + "): if devlaunch is killed, its services run on until `devlaunch clean` or the next `up`";
    }

    /** True for a watchdog of this process, which the supervisor's own stops must leave alone. */
    static boolean isWatchdog(long pid) {
        return PIDS.contains(pid);
    }

    /** The watchdog process as PID plus start time (for the run's records, and tests). */
    public ProcessIdentity identity() {
        return identity;
    }

    /** A service leader just spawned: it and what it starts are told now, and KILLed {@code stopTimeout} after TERM. */
    public void watch(long leaderPid, Duration stopTimeout) {
        leaderTimeouts.put(leaderPid, stopTimeout.toMillis());
        try {
            thread.execute(this::sync);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // dismissed: the run is over, and a late event has nothing left to tell
        }
    }

    /**
     * The supervisor stopped everything itself: the watchdog exits touching nothing. Waits (bounded)
     * until the line is written, since the JVM may exit right after.
     */
    public void dismiss() {
        dismissed = true;
        try {
            thread.submit(() -> {
                send("quit\n");
                closePipe();
            }).get(DISMISS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            // the watchdog is gone or stuck; if it reads end-of-file it finds only processes that ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();      // its PID stays listed: it may still be exiting, and is never ours to stop
    }

    /** Tells the watchdog which of our descendants appeared and which ended since the last walk. */
    private void sync() {
        if (broken) return;
        Map<Long, long[]> now;              // PID → {start ticks, timeout ms, leads its group}
        try {
            now = walk();
        } catch (IOException e) {
            return;         // /proc could not be read (out of descriptors?): tell nothing rather than "ended"
        }
        StringBuilder lines = new StringBuilder();
        told.keySet().removeIf(pid -> {
            if (now.containsKey(pid)) return false;
            lines.append("del ").append(pid).append('\n');
            return true;
        });
        now.forEach((pid, n) -> {
            String line = n[0] + " " + n[1] + (n[2] == 1 ? " g" : "");
            if (line.equals(told.put(pid, line))) return;
            lines.append("add ").append(pid).append(' ').append(line).append('\n');
        });
        leaderTimeouts.keySet().removeIf(pid -> !now.containsKey(pid));
        if (!lines.isEmpty()) send(lines.toString());
    }

    private Map<Long, long[]> walk() throws IOException {
        ProcFs proc = ProcFs.system();
        long self = ProcessHandle.current().pid();
        long ourSession = proc.stat(self).map(ProcFs.Stat::session).orElse(-1L);
        long fallback = Math.max(defaultTimeoutMs, leaderTimeouts.values().stream().mapToLong(Long::longValue).max().orElse(0));
        Map<Long, long[]> out = new HashMap<>();
        Deque<long[]> todo = new ArrayDeque<>();     // {PID, timeout inherited from its parent, or -1}
        java.util.List<Long> top = proc.childrenOf(self);
        if (top == null) return out;
        top.forEach(p -> todo.add(new long[] {p, -1}));
        Set<Long> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            long[] item = todo.poll();
            long pid = item[0];
            if (isWatchdog(pid) || !seen.add(pid)) continue;
            Optional<ProcFs.Stat> stat = proc.stat(pid);
            java.util.OptionalLong start = proc.startTicks(pid);
            if (stat.isEmpty() || start.isEmpty()) continue;      // ended, or a zombie: nothing to stop
            Long own = leaderTimeouts.get(pid);
            long timeout = own != null ? own : item[1] >= 0 ? item[1]
                    : leaderTimeouts.getOrDefault(stat.get().session(), fallback);    // an orphan: its session's leader's
            // Children started in our own session (a test's fixtures, a browser) are not a service's.
            if (stat.get().session() != ourSession) {
                out.put(pid, new long[] {start.getAsLong(), timeout, own != null && stat.get().pgrp() == pid ? 1 : 0});
            }
            java.util.List<Long> children = proc.childrenOf(pid);
            if (children != null) children.forEach(c -> todo.add(new long[] {c, timeout}));
        }
        return out;
    }

    private void send(String lines) {
        try {
            pipe.write(lines.getBytes(StandardCharsets.US_ASCII));
            pipe.flush();
        } catch (IOException e) {
            broken = true;
            closePipe();
            if (process.isAlive()) say.accept(ended(e.getMessage()));      // else onExit has said it
        }
    }

    private String ended(String why) {
        return "the watchdog (PID " + process.pid() + ") has ended (" + why + "): if devlaunch is killed now, "
                + "its services run on until `devlaunch clean` or the next `up`";
    }

    private void closePipe() {
        try {
            pipe.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
