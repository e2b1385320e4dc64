package io.devlaunch.process;

import com.zaxxer.nuprocess.NuAbstractProcessHandler;
import com.zaxxer.nuprocess.NuProcess;
import com.zaxxer.nuprocess.NuProcessBuilder;
import io.devlaunch.lines.LineBatch;
import io.devlaunch.lines.LineSplitter;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running child, spawned with NuProcess as the leader of its own process group. Output is
 * split into lines on NuProcess's pump thread and handed to the {@link Listener}; stdin stays open
 * (watchers like esbuild exit when it closes) and is never written. No policy lives here.
 */
public final class ChildProcess {

    /** Called on NuProcess pump threads: must return quickly or apply back-pressure, never do I/O on the loop. */
    public interface Listener {
        void onOutput(ChildProcess child, boolean stderr, LineBatch lines);

        /** Exactly once, after stdout and stderr (an interactive child's terminal) have both closed. */
        void onExit(ChildProcess child, Exit exit);
    }

    // NuProcess reaps its own children; the orphan reaper must leave these alone (else NuProcess sees ECHILD).
    private static final Set<Long> MANAGED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicInteger SPAWNING = new java.util.concurrent.atomic.AtomicInteger();

    static {
        NativeLibs.prepare();       // before NuProcess's first use of JNA
    }

    // How long the pump waits for a leader whose pipes closed to become a zombie (see awaitZombie).
    private static final long EXIT_WAIT_NANOS = 5_000_000;

    private final ProcessTree tree;
    private final Listener listener;
    private final AtomicBoolean exited = new AtomicBoolean();
    private volatile Thread starter;
    private volatile boolean spawnFailed;
    private volatile NuProcess process;
    private volatile long pid = -1;
    private volatile boolean ownGroup;          // confirmed: the child has called setsid()
    private volatile boolean expectsOwnGroup;   // it was started through setsid
    private volatile PseudoTerminal terminal;   // an interactive child's; null for every other
    private volatile boolean terminalEnded;     // its output has ended and its exit was reported
    private Instant startedAt;
    // PID → start ticks of every descendant seen while the leader lived: one that left the group and
    // the session (setsid) and outlives the leader is found by nothing else once it is re-parented.
    private final Map<Long, Long> descendants = new java.util.concurrent.ConcurrentHashMap<>();

    private ChildProcess(ProcessTree tree, Listener listener) {
        this.tree = tree;
        this.listener = listener;
    }

    /**
     * Starts {@code argv} (already resolved: argv[0] an absolute path or found on the child's PATH).
     *
     * @throws SpawnException when the OS refuses to start it
     */
    public static ChildProcess start(List<String> argv, Path dir, Map<String, String> env, ProcessTree tree,
                                     Listener listener) throws SpawnException {
        return start(argv, dir, env, tree, listener, false);
    }

    /** @param interactive on a pseudo-terminal of its own ({@link #terminal}); its output reaches {@code listener} as stdout */
    public static ChildProcess start(List<String> argv, Path dir, Map<String, String> env, ProcessTree tree,
                                     Listener listener, boolean interactive) throws SpawnException {
        ChildProcess child = new ChildProcess(tree, listener);
        List<String> wrapped = interactive ? Interactive.wrap(child, argv, tree) : tree.wrap(argv);
        child.expectsOwnGroup = tree.startsNewSession();
        NuProcessBuilder pb = new NuProcessBuilder(wrapped, env);
        pb.setCwd(dir);
        pb.setProcessListener(child.new Handler());
        child.starter = Thread.currentThread();
        NuProcess p;
        SPAWNING.incrementAndGet();
        try {
            try {
                p = tree.spawn(pb::start);
            } catch (RuntimeException e) {
                // The manifest reader refuses what the OS cannot take (NUL bytes, …); this is the backstop,
                // so a service fails with the reason instead of staying "starting" forever.
                throw new SpawnException("the OS refused to start " + argv.get(0) + " in " + dir + ": "
                        + e.getMessage());
            }
            if (p != null && !child.spawnFailed) {
                MANAGED.add((long) p.getPID());
                if (child.exited.get()) MANAGED.remove((long) p.getPID());     // it ended before we got here
            }
        } finally {
            SPAWNING.decrementAndGet();
            child.starter = null;
        }
        if (p == null || child.spawnFailed) {
            if (child.terminal != null) child.terminal.abandon();
            // NuProcess logs its reason and returns nothing: ask what ran out, the usual cause
            // once the program was found on PATH (as it was, to get here).
            String ranOut = tree.spawnTrouble();
            throw new SpawnException("the OS refused to start " + argv.get(0) + " in " + dir + (ranOut != null ? ": "
                    + ranOut
                    : " (check that the program and the folder exist and are accessible)"));
        }
        child.process = p;
        child.pid = p.getPID();
        child.startedAt = ProcessHandle.of(child.pid).flatMap(h -> h.info().startInstant()).orElse(Instant.now());
        if (child.terminal != null) Interactive.read(child.terminal, lines -> listener.onOutput(child, false, lines));
        return child;
    }

    /** True when {@code pid} is a child NuProcess will reap itself (or one may be starting right now). */
    static boolean isManaged(long pid) {
        return SPAWNING.get() > 0 || MANAGED.contains(pid);
    }

    public long pid() {
        return pid;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Sends {@code signal} to the whole tree, descendants seen earlier that escaped it included. */
    public void signal(PosixSignal signal) {
        if (pid <= 0) return;
        // Once NuProcess has reaped the leader its PID may be reused: go by our session, never by the bare PID.
        if (exited.get()) {
            if (expectsOwnGroup) tree.signalSession(pid, signal);
        } else {
            tree.signal(pid, ownGroup(), signal);
        }
        descendants.forEach((p, ticks) -> {
            // Identity checked at the moment of the signal: the same PID with another start time is someone else's.
            if (ProcFs.system().startTicks(p).equals(java.util.OptionalLong.of(ticks))) tree.signal(p, false, signal);
            else descendants.remove(p);
        });
    }

    /**
     * Off the loop, periodically while the leader lives: notes its descendants as they are now (PID
     * and start time), so a grandchild that leaves the group and session (setsid, a double fork) and
     * then outlives the leader — holding the service's pipes open — is still stopped with it.
     */
    public void noteDescendants() {
        if (pid <= 0 || exited.get()) return;
        ProcFs proc = ProcFs.system();
        java.util.ArrayDeque<Long> todo = new java.util.ArrayDeque<>(List.of(pid));
        Set<Long> seen = new java.util.HashSet<>(todo);
        while (!todo.isEmpty()) {
            List<Long> children = proc.childrenOf(todo.poll());
            if (children == null) return;           // no per-task children lists on this kernel
            for (long c : children) {
                if (!seen.add(c)) continue;
                proc.startTicks(c).ifPresent(t -> descendants.putIfAbsent(c, t));
                todo.add(c);
            }
        }
    }

    /**
     * Whether the child leads its own group yet. Asked when needed, never waited for at the spawn
     * (that was a spin of up to a second on the supervisor's loop): before setsid() has run, the
     * group is still ours, and the tree walk alone reaches the child and its descendants.
     */
    private boolean ownGroup() {
        if (!ownGroup && expectsOwnGroup && !exited.get() && tree.leadsOwnGroup(pid)) ownGroup = true;
        return ownGroup;
    }

    /** Live processes of the tree (zombies excluded). */
    public Set<Long> liveTree() {
        return pid > 0 ? tree.live(pid, ownGroup()) : Set.of();
    }

    /** True once the leader has exited, even if a grandchild still holds its output pipes. */
    public boolean leaderExited() {
        return exited.get() || (pid > 0 && tree.hasExited(pid));
    }

    public boolean exitReported() {
        return exited.get() && (terminal == null || terminalEnded);
    }

    /** An interactive child's pseudo-terminal (keys in, raw output out); null for any other child. */
    public PseudoTerminal terminal() {
        return terminal;
    }

    void useTerminal(PseudoTerminal t) {
        terminal = t;
    }

    private final class Handler extends NuAbstractProcessHandler {
        // Created before start(), so they exist whichever callback comes first (NuProcess #149).
        private final LineSplitter out = new LineSplitter(lines -> listener.onOutput(ChildProcess.this, false, lines));
        private final LineSplitter err = new LineSplitter(lines -> listener.onOutput(ChildProcess.this, true, lines));

        private volatile long spawnedPid = -1;
        private volatile Exit peeked;       // how the leader ended, read before NuProcess reaped it
        private boolean outClosed;      // pump thread only
        private boolean errClosed;

        @Override
        public void onStart(NuProcess p) {
            spawnedPid = p.getPID();
        }

        @Override
        public void onStdout(ByteBuffer buffer, boolean closed) {
            out.feed(buffer, closed);
            if (closed && !outClosed) {
                outClosed = true;
                if (errClosed) awaitZombie();
            }
        }

        @Override
        public void onStderr(ByteBuffer buffer, boolean closed) {
            err.feed(buffer, closed);
            if (closed && !errClosed) {
                errClosed = true;
                if (outClosed) awaitZombie();
            }
        }

        /**
         * Both pipes just closed, and NuProcess calls waitpid(WNOHANG) the moment this returns. A
         * dying process closes its files a few microseconds before it becomes a zombie, so that
         * waitpid lost the race about one exit in three and NuProcess looked again only after its
         * next epoll timeout (deadPoolPollMs, 100 ms): the exit, and so the restart, came ~100 ms
         * late. Waiting here, on the pump, until /proc shows the zombie (bounded: a process may
         * close both pipes and go on running) lets that first waitpid see it.
         */
        private void awaitZombie() {
            long p = spawnedPid > 0 ? spawnedPid : pid;
            if (p <= 0 || exited.get()) return;
            long deadline = System.nanoTime() + EXIT_WAIT_NANOS;
            while (!tree.hasExited(p)
                    && System.nanoTime() < deadline) java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            // The last moment the OS can still say how it ended: NuProcess's waitpid folds a signal into its number.
            peeked = tree.peekExit(p);
        }

        @Override
        public void onExit(int exitCode) {
            // NuProcess reports a failed spawn by calling onExit(MIN_VALUE) on the thread inside start().
            if (exitCode == Integer.MIN_VALUE && Thread.currentThread() == starter) {
                spawnFailed = true;
                exited.set(true);
                return;
            }
            if (exited.compareAndSet(false, true)) {
                MANAGED.remove(pid);
                Exit seen = peeked;
                Exit exit = seen != null && seen.foldsTo(exitCode) ? seen : Exit.fromNuProcess(exitCode);
                PseudoTerminal t = terminal;
                if (t == null) {
                    listener.onExit(ChildProcess.this, exit);
                } else {
                    // Its output ends when the last holder of the terminal lets go: the exit follows the last line.
                    t.leaderGone(() -> {
                        terminalEnded = true;
                        listener.onExit(ChildProcess.this, exit);
                    });
                }
            }
        }
    }

    /** The OS would not start the program. */
    public static final class SpawnException extends Exception {
        public SpawnException(String message) {
            super(message);
        }
    }
}
