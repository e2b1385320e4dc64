package io.devlaunch.process;

import java.util.List;
import java.util.Set;

/**
 * A child together with everything it spawned: how to start it as the leader of its own process
 * group, and how to signal or count the whole tree. One implementation per OS family.
 */
public interface ProcessTree {

    /**
     * The argv that starts {@code argv} as the leader of a new process group (and session), with
     * every signal at its default disposition where the OS allows. The program keeps the PID spawned.
     */
    List<String> wrap(List<String> argv);

    /**
     * As {@link #wrap}, with the pseudo-terminal {@code slave} (a path) as the program's stdin, stdout,
     * stderr and controlling terminal; null where that cannot be done (then no service is interactive).
     */
    default List<String> wrapOnTerminal(List<String> argv, String slave) {
        return null;
    }

    /** True when {@link #wrap} makes the child lead a session of its own. */
    boolean startsNewSession();

    /**
     * Runs {@code start}, the call that forks the child, so the child inherits no blocked signal
     * from the calling thread. Rethrows what {@code start} throws.
     */
    default <T> T spawn(java.util.function.Supplier<T> start) {
        return start.get();
    }

    /**
     * True once {@code pid} leads its own process group. Never waits: right after a spawn the
     * wrapper may not have called setsid() yet, and the answer is simply "not yet".
     */
    boolean leadsOwnGroup(long pid);

    /**
     * Sends {@code signal} to every live process of the tree: the group (when {@code ownGroup}) and
     * every descendant, including ones that left the group with setsid.
     */
    void signal(long pid, boolean ownGroup, PosixSignal signal);

    /**
     * Sends {@code signal} to live processes of session {@code sid}: what is left of a child (which
     * led its own session) after it was reaped, when its PID may already belong to someone else.
     */
    void signalSession(long sid, PosixSignal signal);

    /**
     * Where to say, once per cause, that the OS could not be asked about processes (out of file
     * descriptors …). Meanwhile every answer is the cautious one: not exited, nothing to kill.
     */
    default void reportProblemsTo(java.util.function.Consumer<String> sink) {
    }

    /** What the OS ran out of when a spawn just failed ("too many open files (limit 1024); raise …"), or null. */
    default String spawnTrouble() {
        return null;
    }

    /** Live processes of the tree, zombies excluded; empty once everything is gone. */
    Set<Long> live(long pid, boolean ownGroup);

    /**
     * True when {@code pid} has exited (a zombie counts), even if its pipes are still held open;
     * false while that cannot be known.
     */
    boolean hasExited(long pid);

    /**
     * How our child {@code pid} ended, read from the OS while it is a zombie, without reaping it;
     * null when it is not a zombie yet, already reaped, or the OS cannot say without reaping.
     */
    Exit peekExit(long pid);

    /** Makes this process the adoptive parent of orphaned descendants, so they stay findable. */
    void adoptOrphans();

    /** Reaps adopted orphans that died; never a child NuProcess manages (it reaps those itself). */
    void reapOrphans();

    /**
     * Live descendants of this process outside its own session: what services (each started in a
     * session of its own) left behind. Children started other ways (a test's fixtures) are spared.
     */
    Set<Long> serviceDescendants();

    static ProcessTree forThisOs() {
        return io.devlaunch.Os.current() == io.devlaunch.Os.LINUX ? new LinuxProcessTree() : new PortableProcessTree();
    }
}
