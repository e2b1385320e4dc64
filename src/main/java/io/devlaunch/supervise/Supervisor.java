package io.devlaunch.supervise;

import io.devlaunch.health.ProbeThreads;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Console;
import io.devlaunch.output.LogFiles;
import io.devlaunch.output.Palette;
import io.devlaunch.process.ProcessTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a set of services: starts each once its dependencies are healthy (independent ones
 * together), restarts per policy, and stops in reverse dependency order. One event-loop thread owns
 * all state; probes run on {@link ProbeThreads}: a timer, and a worker per probe in flight (each
 * bounded by its check's budget), so one service's stuck check never delays another's. Output flows
 * from NuProcess's pump to the log files and rings, and to the console, which may fall behind
 * without holding anything up. Thread count grows with slow probes in flight, not with services.
 */
public final class Supervisor {

    /**
     * The clock every timing decision reads (backoff left, restart windows, elapsed times), and how
     * often a healthy service's check runs again. Tests pass a clock they move, or a short interval.
     */
    public record Timing(java.util.function.LongSupplier nanoTime, Duration livenessEvery) {
        public static final Timing REAL = new Timing(System::nanoTime, HealthWatch.LIVENESS_EVERY);
    }

    /** How a run ended. */
    public record Outcome(boolean stopRequested, boolean anyFailed, boolean allExitedCleanly) {}

    private final Manifest manifest;
    private final Map<String, ServiceRunner> runners = new LinkedHashMap<>();
    private final List<Consumer<StateChange>> listeners = new CopyOnWriteArrayList<>();
    private final OutputListeners outputListeners;
    private final LoopExecutor loop;
    private final ProbeThreads probes;
    private final LoopExecutor procReads;     // /proc reads and start preparations the loop must not wait for
    private final ProcessTree tree;
    private final Console console;
    private final LogFiles logs;
    private final CompletableFuture<Outcome> done = new CompletableFuture<>();
    private final java.util.function.LongSupplier nanoTime;
    private final HeldPorts held;
    private WatchRestarts watching;     // null unless a service has watch (and up runs without --no-watch)
    private boolean stopping;
    private boolean finishing;      // every service settled; stray descendants are being stopped
    private boolean holdWhileDown;  // up --detach: a failed stack stays for inspection until stopped
    private final Operations ops;
    private final Terminals terminals;
    private final Turns turns;

    public Supervisor(Manifest manifest, List<String> services, Console console, Path logsDir, Map<String, String> baseEnv,
                      boolean colour, ProcessTree tree) throws IOException {
        this(manifest, services, console, logsDir, baseEnv, colour, tree, Timing.REAL);
    }

    public Supervisor(Manifest manifest, List<String> services, Console console, Path logsDir, Map<String, String> baseEnv,
                      boolean colour, ProcessTree tree, Timing timing) throws IOException {
        this.manifest = manifest;
        this.nanoTime = timing.nanoTime();
        this.tree = tree;
        this.console = console;
        this.outputListeners = new OutputListeners(console::say);
        this.terminals = new Terminals(console);
        tree.reportProblemsTo(console::say);      // "cannot read /proc: too many open files …", once
        // After the end, late events (a straggler's exit, a timer) are dropped, not thrown at NuProcess's pump.
        this.loop = new LoopExecutor(1, "devlaunch-supervisor");
        this.probes = new ProbeThreads();
        this.procReads = new LoopExecutor(1, "devlaunch-proc");
        this.logs = new LogFiles(logsDir, manifest.logs().maxSize(), manifest.logs().keep());
        RunContext ctx = new RunContext(loop, probes, procReads, console, tree, logs, baseEnv, colour, this::publish, nanoTime,
                timing.livenessEvery(), outputListeners, terminals);
        List<String> all = manifest.startOrder();
        List<String> selected = manifest.withDependencies(services);
        this.held = HeldPorts.open(selected.stream().map(manifest::service).toList(), ctx);
        for (String name : selected) {
            ServiceSpec spec = manifest.service(name);
            runners.put(name, new ServiceRunner(spec, Palette.forService(all.indexOf(name)), ctx, held.of(name)));
        }
        this.ops = new Operations(manifest, runners, console, () -> execute(this::reevaluate));
        this.turns = new Turns(runners, ops);
    }

    /** The interactive services' terminals, for {@code attach}. */
    public Terminals terminals() {
        return terminals;
    }

    /** Every transition of every service, on the supervisor thread; keep listeners quick. */
    public void addListener(Consumer<StateChange> listener) {
        listeners.add(listener);
    }

    /** Every batch of every child's output lines; register before {@link #start}. See {@link OutputListener}. */
    public void addOutputListener(OutputListener listener) {
        outputListeners.add(listener);
    }

    /** Restarts a service whose {@code watch} files change (via {@link #restart}); call before {@link #start}. */
    public void watchFiles() {
        try {
            watching = WatchRestarts.start(runners.values().stream().map(ServiceRunner::spec).toList(), manifest.root(), console,
                    loop, ops::stoppedOnRequest, services -> restart(services, false, () -> { }));
        } catch (IOException e) {
            console.say("cannot watch files (" + e.getMessage() + "); services restart only when asked");
        }
    }

    /**
     * Keeps the run going, once every service has settled, while one of them failed, was stopped,
     * exited non-zero, or owned a port and exited at all — until {@link #stop}. For {@code up --detach}: there is no console to read the
     * outcome from, so the supervisor stays for {@code status}, {@code logs}, {@code start} and
     * {@code down}. A run of one-shot tasks that all exited 0 still ends by itself. Call before {@link #start}.
     */
    public void holdWhileDown() {
        holdWhileDown = true;
    }

    /** Starts everything; the future completes when all services have ended or been stopped. */
    public CompletableFuture<Outcome> start() {
        tree.adoptOrphans();
        loop.execute(() -> {
            if (!stopping) turns.startReady();
        });
        ProcChecks.schedule(loop, procReads, runners.values(), tree);
        return done;
    }

    /** Graceful stop, reverse dependency order. Safe to call from any thread, more than once. */
    public void stop() {
        execute(() -> {
            if (stopping) return;
            stopping = true;
            ops.abort("the supervisor is stopping");
            runners.values().forEach(r -> {
                if (!r.state().hasProcess()) r.stop();     // pending and backoff end at once
            });
            turns.stopReady();
            finishIfSettled();
        });
    }

    /** Graceful stop, at most {@code max}, then SIGKILL what is left; true when it finished in time. */
    public boolean stopAndWait(Duration max) {
        stop();
        try {
            done.get(max.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            kill();
        }
        return false;
    }

    /**
     * Second Ctrl+C: SIGKILL every tree now. Called from signal and shutdown-hook threads: the
     * runners' fields belong to the loop, so the loop kills what it knows, and this thread kills
     * every descendant /proc shows now — which works even when the loop is busy or already gone.
     */
    public void kill() {
        execute(() -> runners.values().forEach(ServiceRunner::kill));
        for (long pid : tree.serviceDescendants()) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /**
     * Restarts {@code services} (and, when asked, what depends on them): stops them, dependents
     * first; runs {@code beforeStarting} (e.g. removing clean paths); starts them in dependency
     * order, before-start included. Completes with true once all are healthy, false if one failed;
     * exceptionally with {@link RestartBusy} when another restart, stop or start is in progress, an
     * {@link IllegalStateException} saying why when the supervisor is stopping or has stopped
     * (nothing is started then), an {@link IllegalArgumentException} naming a service not in this run.
     */
    public CompletableFuture<Boolean> restart(List<String> services, boolean withDependents, Runnable beforeStarting) {
        return restart(services, withDependents, beforeStarting, Map.of());
    }

    /** {@link #restart}, the services named in {@code definitions} starting again with those (an edited launcher.conf's). */
    public CompletableFuture<Boolean> restart(List<String> services, boolean withDependents, Runnable beforeStarting,
                                              Map<String, ServiceSpec> definitions) {
        return submit(services, () -> ops.restart(services, withDependents, beforeStarting, definitions));
    }

    /** Each service of this run as it runs now (a restart may have replaced what up read); from any thread. */
    public Map<String, ServiceSpec> definitions() {
        Map<String, ServiceSpec> out = new LinkedHashMap<>();
        runners.forEach((name, r) -> out.put(name, r.spec()));      // the map is fixed at construction; spec is volatile
        return out;
    }

    /**
     * Stops the named services (dependents among them first, whole process trees, their stop-signal
     * and stop-timeout); what depends on them keeps running. They stay {@code stopped} until started
     * again, and the run goes on meanwhile. True once all are stopped; fails as {@link #restart} does.
     */
    public CompletableFuture<Boolean> stopServices(List<String> names) {
        return submit(names, () -> ops.stop(names));
    }

    /**
     * Starts the named services that are stopped, exited or failed (counters reset), with the ended
     * services they depend on, in dependency order, before-start included; one still stopping is
     * started once it has stopped; one on its way up (starting, backoff, unhealthy) is waited for,
     * not started twice; one healthy is left alone. True once all named are healthy, false if one
     * failed; fails as {@link #restart} does.
     */
    public CompletableFuture<Boolean> startServices(List<String> names) {
        return submit(names, () -> ops.start(names));
    }

    private CompletableFuture<Boolean> submit(List<String> names, java.util.function.Supplier<CompletableFuture<Boolean>> begin) {
        return Admission.begin(loop, ops, names, this::refusal, begin, this::reevaluate);
    }

    /** On the loop: why no restart, stop or start may begin now, or null. */
    private String refusal() {
        if (done.isDone()) return "the supervisor has stopped";
        return stopping || finishing ? "the supervisor is stopping (a `devlaunch down` or Ctrl+C is under way); nothing was restarted — "
                + "`devlaunch up` starts the stack again once it has stopped" : null;
    }

    /** A snapshot of every service, taken on the supervisor thread. */
    public CompletableFuture<List<ServiceStatus>> status() {
        CompletableFuture<List<ServiceStatus>> f = new CompletableFuture<>();
        Runnable read = () -> f.complete(runners.values().stream().map(ServiceRunner::status).toList());
        // After the end the loop refuses work, and nothing changes any more: the final states are read directly.
        // A read accepted before the end still runs (the loop is shut down, not stopped), so f always completes.
        if (!loop.tryExecute(read)) read.run();
        return f;
    }

    private void execute(Runnable r) {
        if (!loop.isShutdown()) loop.execute(r);
    }

    private void publish(StateChange change) {
        CompletableFuture<Void> forwarded = held.follow(change);
        ops.follow(change);
        for (Consumer<StateChange> l : listeners) l.accept(change);
        // Re-evaluate after the runner has finished its transition (and a proxied port forwards again).
        if (change.from() == change.to()) return;
        (forwarded != null ? forwarded : CompletableFuture.completedFuture(null)).whenComplete((v, e) -> execute(this::reevaluate));
    }

    private void reevaluate() {
        if (stopping) turns.stopReady();
        else {
            ops.advance(manifest.startOrder());
            turns.startReady();
        }
        finishIfSettled();
    }

    private void finishIfSettled() {
        if (finishing || done.isDone() || (ops.holdTheRun() && !stopping)) return;
        boolean settled = runners.values().stream().allMatch(r -> r.state().isSettled());
        if (!settled || (holdWhileDown && !stopping && !allTasksDone())) return;
        finishing = true;
        OrphanSweep.run(tree, procReads, loop, nanoTime, this::finish);
    }

    private void finish() {
        boolean anyFailed = runners.values().stream().anyMatch(r -> r.state() == ServiceState.FAILED);
        boolean clean = allExitedCleanly();
        logs.close();         // never a wait for the console: the pumps wrote the files themselves
        held.close();
        if (watching != null) watching.close();
        loop.shutdown();
        probes.shutdownNow();
        procReads.shutdownNow();
        done.complete(new Outcome(stopping, anyFailed, clean));
    }

    HeldPorts heldPorts() {     // for tests
        return held;
    }

    /** Every service a one-shot task (no port) that exited 0: a server's end, even with 0, is not "done". */
    private boolean allTasksDone() {
        return allExitedCleanly() && runners.values().stream().allMatch(r -> r.spec().ports().isEmpty());
    }

    private boolean allExitedCleanly() {
        return runners.values().stream().allMatch(r -> r.state() == ServiceState.EXITED && r.status().exitedCleanly());
    }
}
