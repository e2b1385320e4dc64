package io.devlaunch.ports;

import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.TreeTerminator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * Frees a configured port from whoever holds it — precisely: the holder found through the OS, its
 * whole tree stopped (SIGTERM, SIGKILL after a grace period), then the port watched until it is
 * really free. Never a process {@link ProtectedProcesses} spares.
 */
public final class PortFreer {
    static final Duration GRACE = Duration.ofSeconds(5);
    static final Duration PORT_RELEASE_WAIT = Duration.ofSeconds(5);

    /** What happened to one holder. */
    public enum Action { STOPPED, KILLED, SURVIVED, SPARED, LEFT_RUNNING, WOULD_STOP }

    public record Outcome(PortHolder holder, boolean recordedByDevlaunch, Action action, String why) {
        public boolean freed() {
            return action == Action.STOPPED || action == Action.KILLED;
        }
    }

    private final PortOwners owners;
    private final TreeTerminator terminator;
    private final ProtectedProcesses spared = new ProtectedProcesses();

    public PortFreer(PortOwners owners, ProcessTree tree) {
        this.owners = owners;
        this.terminator = new TreeTerminator(tree);
    }

    /**
     * @param recorded       processes devlaunch started earlier: always fair game
     * @param mayStopForeign whether holders devlaunch did not start may be stopped too
     * @param dryRun         decide and report, but touch nothing
     */
    public List<Outcome> free(int port, Set<ProcessIdentity> recorded, boolean mayStopForeign, boolean dryRun) {
        List<Outcome> out = new ArrayList<>();
        for (PortHolder h : owners.holders(port)) {
            boolean ours = h.pid().isPresent() && h.startedAt().isPresent() && recorded.stream().anyMatch(r ->
                    r.pid() == h.pid().get() && Math.abs(r.startMillis() - h.startedAt().get().toEpochMilli()) <= 1000);
            var reason = spared.reasonToSpare(h);
            if (reason.isPresent()) {
                out.add(new Outcome(h, ours, Action.SPARED, reason.get()));
            } else if (!ours && !mayStopForeign) {
                out.add(new Outcome(h, false, Action.LEFT_RUNNING, "devlaunch did not start it and stopping others is off"));
            } else if (dryRun) {
                out.add(new Outcome(h, ours, Action.WOULD_STOP, ""));
            } else {
                // The identity we judged, not whatever has the PID now.
                ProcessIdentity id = h.startedAt().map(t -> new ProcessIdentity(h.pid().get(), t.toEpochMilli()))
                        .or(() -> ProcessIdentity.of(h.pid().get())).orElse(null);
                TreeTerminator.Result r = id == null ? TreeTerminator.Result.ALREADY_GONE : terminator.terminate(id, false, GRACE);
                out.add(new Outcome(h, ours, switch (r) {
                    case ALREADY_GONE, TERMINATED -> Action.STOPPED;
                    case KILLED -> Action.KILLED;
                    case SURVIVED -> Action.SURVIVED;
                }, r == TreeTerminator.Result.KILLED ? "it ignored SIGTERM for " + GRACE.toSeconds() + "s" : ""));
            }
        }
        return out;
    }

    /** Waits until nothing listens on {@code port}; false if something still does after a few seconds. */
    public boolean awaitFree(int port) {
        long deadline = System.nanoTime() + PORT_RELEASE_WAIT.toNanos();
        while (owners.isListening(port)) {
            if (System.nanoTime() > deadline) return false;
            LockSupport.parkNanos(20_000_000);
        }
        return true;
    }
}
