package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.ipc.ControlServer;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceNames;
import io.devlaunch.output.Console;
import io.devlaunch.output.Terminal;
import io.devlaunch.ports.PortFreer;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.process.Interrupts;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.Watchdog;
import io.devlaunch.runstate.Leftovers;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.runstate.StateRecorder;
import io.devlaunch.supervise.ConsoleReporter;
import io.devlaunch.supervise.FrontDoor;
import io.devlaunch.supervise.Supervisor;
import io.devlaunch.web.DashboardServer;
import io.devlaunch.web.LiveStatus;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * {@code devlaunch up} in the foreground: start, stream, restart, and on Ctrl+C stop everything.
 * Returns the exit code: 0 when every service ended cleanly by itself, 1 when one failed, 130 when
 * interrupted.
 */
public final class Up {

    /** Set for the background supervisor of {@code up --detach}: nobody can press Ctrl+C there. */
    static final String DETACHED_ENV = "DEVLAUNCH_DETACHED";

    /**
     * @param timestamps show a time on each console line
     * @param noWatch    no restarts on file changes for this run
     * @param noDashboard no dashboard for this run (as {@code dashboard.enabled = false})
     */
    public record Options(List<String> services, boolean timestamps, boolean noKill, boolean noWatch,
            boolean noDashboard) {
        public Options(List<String> services, boolean timestamps, boolean noKill, boolean noWatch) {
            this(services, timestamps, noKill, noWatch, false);
        }
    }

    private final Manifest manifest;
    private final Terminal terminal;
    private final Options options;

    public Up(Manifest manifest, Terminal terminal, Options options) {
        this.manifest = manifest;
        this.terminal = terminal;
        this.options = options;
    }

    public int run() throws IOException, InterruptedException {
        // NuProcess logs through java.util.logging; send it where devlaunch's own internal log goes.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        ServiceNames.requireKnown(manifest, options.services());
        StateFolder folder = StateFolder.of(manifest);
        RunRecords records = new RunRecords(folder);
        ProcessTree tree = ProcessTree.forThisOs();
        Leftovers leftovers = new Leftovers(records, tree);
        refuseIfRunning(leftovers.supervisor());

        List<String> selected = manifest.withDependencies(options.services().isEmpty() ? manifest.startOrder()
                : options.services());
        Console console = new Console(terminal, selected, options.timestamps());
        Supervisor supervisor;
        Watchdog watchdog = null;
        try {
            clearWhatIsInTheWay(selected, records, leftovers, tree, console);
            folder.prepare();
            supervisor = new Supervisor(manifest, selected, console, folder.logs(), System.getenv(), terminal.colour(),
                    tree);
            // Before the first spawn, so no service runs unwatched; after the port binds, so a refusal leaves none
            // behind.
            watchdog = Watchdog.start(console::say, selected.stream().map(n -> manifest.service(n).stopTimeout())
                    .max(java.time.Duration::compareTo).orElse(java.time.Duration.ZERO)).orElse(null);
            records.writeSupervisor(manifest, ProcessIdentity.of(ProcessHandle.current()).orElseThrow(),
                    !options.noWatch(),
                    watchdog == null ? null : watchdog.identity());
        } catch (java.net.BindException e) {
            console.close();
            throw DevLaunchException.failed(e.getMessage());      // a proxied port: the message names it and what to do
        } catch (IOException | java.io.UncheckedIOException e) {
            if (watchdog != null) watchdog.dismiss();
            console.close();
            throw DevLaunchException.failed("cannot write devlaunch's state and logs in " + folder.dir() + " ("
                    + e.getMessage()
                    + "); make the project folder writable");
        } catch (RuntimeException e) {
            if (watchdog != null) watchdog.dismiss();
            console.close();
            throw e;
        }
        boolean detached = System.getenv(DETACHED_ENV) != null;
        if (watchdog != null) watchForKill(supervisor, watchdog);
        ConsoleReporter reporter = new ConsoleReporter(console, selected, detached ? "`devlaunch down` to stop"
                : "Ctrl+C to stop");
        supervisor.addListener(reporter);
        // In the background nobody reads the console when the stack fails: the run stays for status, logs, start and
        // down.
        if (detached) supervisor.holdWhileDown();
        StateRecorder.follow(supervisor, records, detached ? new StartupReport(selected, records, console) : s -> { });
        Watchdog dismissed = watchdog;
        Thread hook = stopOnSignals(supervisor, console, selected.size(), () -> {
            if (dismissed != null) dismissed.dismiss();
        });
        if (!options.noWatch()) supervisor.watchFiles();
        DashboardServer dashboard = attachDashboard(supervisor, console);

        Supervisor.Outcome outcome;
        var started = supervisor.start();
        ControlServer control = startControl(folder, manifest, supervisor, console);
        // After the start: binding takes a moment, and the first service need not wait for it.
        if (dashboard != null) dashboard.serve(manifest.dashboard().port(), manifest.ports(), folder,
                ProcessHandle.current().pid());
        try {
            outcome = started.get();
            // Every service has stopped: the watchdog goes without touching anything.
            if (watchdog != null) watchdog.dismiss();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the supervisor failed", e.getCause());
        } finally {
            if (dashboard != null) dashboard.close();
            if (control != null) control.close();
            records.clear();
        }
        int code = report(outcome, reporter, console);
        console.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        return code;
    }

    private void refuseIfRunning(RecordedSupervisor sup) {
        sup.live().ifPresent(s -> {
            throw DevLaunchException.failed("devlaunch is already running for " + manifest.project() + " (PID "
                    + s.pid()
                    + ", since " + s.startedAt()
                            + "); see it with `devlaunch status`, restart services with `devlaunch restart`, "
                    + "or stop it with `devlaunch down`");
        });
    }

    /** A dead supervisor's leftovers, then whatever holds a configured port (a record we cannot read is said). */
    private void clearWhatIsInTheWay(List<String> selected, RunRecords records, Leftovers leftovers, ProcessTree tree,
                                     Console console) {
        Set<ProcessIdentity> recorded = new HashSet<>(records.readChildren());
        RecordedSupervisor previous = leftovers.supervisor();
        records.unreadable().forEach(console::say);
        if (previous.leftBehind()) {
            console.say("the previous devlaunch (PID " + previous.pid()
                    + ") ended without cleaning up (killed, or its terminal closed) — clearing its leftovers");
            leftovers.stopChildren(false).forEach(console::say);
            records.removePrevious();      // not clear(): this run's own records are written next
        }
        new StaleHolders(manifest, new PortFreer(PortOwners.forThisOs(), tree), !options.noKill()
                && manifest.killStale())
                .clear(selected, recorded, console::say);
    }

    /**
     * The watchdog learns each service's leader as it spawns (its stop-timeout with it), so it need
     * not wait for its next walk of the tree. On the loop: a map entry and a task for its thread.
     */
    private void watchForKill(Supervisor supervisor, Watchdog watchdog) {
        supervisor.addListener(change -> {
            if (change.pid() > 0) watchdog.watch(change.pid(), manifest.service(change.service()).stopTimeout());
        });
    }

    /**
     * Ctrl+C, SIGTERM and SIGHUP stop the stack; a second Ctrl+C kills it; any other JVM exit stops it
     * too, and {@code stopped} runs once that stop has finished in time.
     */
    private static Thread stopOnSignals(Supervisor supervisor, Console console, int services, Runnable stopped) {
        // Said first: the console never blocks its callers (it skips when far behind), and a line said
        // after the act could lose the race with the run's end, which closes the console.
        Interrupts.install(() -> {
            console.say("stopping " + services + (services == 1 ? " service" : " services")
                    + " (Ctrl+C again to kill at once)");
            supervisor.stop();
        }, () -> {
            console.say("killed every process");
            supervisor.kill();
        });
        // Bounded, so an exit never hangs.
        Thread hook = new Thread(() -> {
            // Stopped in time: the watchdog is dismissed. Not in time (SIGKILL sent): it finishes the job on our exit.
            if (supervisor.stopAndWait(java.time.Duration.ofSeconds(10))) stopped.run();
        }, "devlaunch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static int report(Supervisor.Outcome outcome, ConsoleReporter reporter, Console console) {
        if (outcome.stopRequested()) {
            console.say("all services stopped");
            return ExitCodes.INTERRUPTED;
        }
        console.say("every service has ended:");
        reporter.outcomes().forEach(console::say);
        // A server that exits before it was ever healthy — whatever its code — is FAILED by the supervisor
        // (Create React App exits 0 after "Something is already running on port 3000"); one that was
        // healthy and then exited 0 ended as docker compose's would: 0.
        return outcome.allExitedCleanly() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The dashboard, subscribed before the start so it sees every transition and line; null when turned off. */
    private DashboardServer attachDashboard(Supervisor supervisor, Console console) {
        if (options.noDashboard() || !manifest.dashboard().enabled()) return null;
        return DashboardServer.attach(supervisor, new LiveStatus(manifest, ProcessHandle.current().pid(), !options.noWatch(),
                        supervisor.terminals()::waitingForInput),
                new FrontDoor(manifest, supervisor, console), console);
    }

    /** The channel `restart` talks to; without it `up` still runs, it just cannot be restarted from elsewhere. */
    private static ControlServer startControl(StateFolder folder, Manifest manifest, Supervisor supervisor,
            Console console) {
        try {
            return ControlServer.start(folder, manifest, supervisor, console);
        } catch (IOException | UnsupportedOperationException e) {
            console.say("no control socket (" + e.getMessage() + "): `devlaunch restart` cannot reach this run");
            return null;
        }
    }
}
