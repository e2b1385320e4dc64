package io.devlaunch.supervise;

import io.devlaunch.health.HealthCheck;
import io.devlaunch.health.HealthChecks;
import io.devlaunch.health.LogLineCheck;
import io.devlaunch.health.ProbeResult;
import io.devlaunch.health.ReadinessProber;
import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.LogFile;
import io.devlaunch.output.Palette;
import io.devlaunch.output.RecentLines;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.Environment;
import io.devlaunch.process.PosixSignal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one service: carries out its {@link ServiceLifecycle}'s actions with real processes, health
 * probes and timers. Every method except the output callback runs on the supervisor's loop thread.
 */
final class ServiceRunner {
    static final Duration SETTLE_TIME = Duration.ofSeconds(1);
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    static final Duration LIVENESS_EVERY = Duration.ofSeconds(5);      // the default; tests pass a shorter one
    static final int LIVENESS_FAILURES = 3;
    static final int CRASH_LINES = 20;

    private final ServiceSpec spec;
    private final Palette.Colour colour;
    private final RunContext ctx;
    private final ServiceLifecycle life;
    private final RecentLines recent = new RecentLines(200);
    private final LogFile logFile;

    private ChildProcess child;          // the service's process, while one runs
    private ChildProcess step;           // a before-start command, while one runs
    private Map<String, String> env;
    private HealthCheck check;
    private ReadinessProber prober;
    private ScheduledFuture<?> retryTimer;
    private long exitNanos;     // when the last run's exit was seen
    private ScheduledFuture<?> killTimer;
    private ScheduledFuture<?> healthTimer;
    private ScheduledFuture<?> progressTimer;
    private ScheduledFuture<?> livenessTimer;
    private long startNanos;
    private boolean stopSignalled;
    private int livenessFailures;
    private Integer lastExit;
    private Instant startedAt;

    ServiceRunner(ServiceSpec spec, Palette.Colour colour, RunContext ctx) throws IOException {
        this.spec = spec;
        this.colour = colour;
        this.ctx = ctx;
        this.life = new ServiceLifecycle(spec.name(), spec.restart(), spec.maxRestarts(), spec.restartWindow(),
                spec.stopTimeout(), ctx.nanoTime());
        this.logFile = new LogFile(ctx.logsDir().resolve(spec.name() + ".log"));
        ctx.console().onIdle(logFile::flush);
    }

    ServiceSpec spec() {
        return spec;
    }

    ServiceState state() {
        return life.state();
    }

    ServiceStatus status() {
        return new ServiceStatus(spec.name(), life.state(), child == null ? -1 : child.pid(),
                child == null ? null : startedAt, spec.ports(), life.restarts(), lastExit);
    }

    void start() {
        transition(life.start(), () -> "starting");
    }

    void stop() {
        transition(life.stop(), () -> step != null ? "stopping its before-start step" : "stopping");
    }

    /** Force: SIGKILL the tree now. */
    void kill() {
        if (child != null) child.signal(PosixSignal.KILL);
        if (step != null) step.signal(PosixSignal.KILL);
    }

    /** Mark a pending service as never started, e.g. because a dependency failed. */
    void abandon(String why) {
        transition(life.stop(), () -> why);
    }

    /** Periodic: notices a leader that exited while a grandchild still holds its pipes open. */
    void checkLeader() {
        if (child != null && !child.exitReported() && child.leaderExited() && !stopSignalled) {
            child.signal(PosixSignal.KILL);     // the leftovers hold the pipes; killing them lets the exit through
        }
    }

    long pid() {
        return child == null ? -1 : child.pid();
    }

    void closeLog() {
        logFile.close();
    }

    // ---- actions ---------------------------------------------------------------------------------------------

    private void transition(List<Action> actions, java.util.function.Supplier<String> detail) {
        transition(actions, detail, List.of());
    }

    private void transition(List<Action> actions, java.util.function.Supplier<String> detail, List<String> lines) {
        publishIfChanged(detail, lines);
        for (Action a : actions) {
            if (a instanceof Action.Spawn) spawn();
            else if (a instanceof Action.Stop s) signalStop(s.grace());
            else if (a instanceof Action.ScheduleRetry r) retryTimer = schedule(this::retryDue, backoffLeft(r.delay()));
            else if (a instanceof Action.CancelTimers) cancelTimers();
        }
    }

    private ServiceState published = ServiceState.PENDING;

    private void publishIfChanged(java.util.function.Supplier<String> detail, List<String> lines) {
        ServiceState now = life.state();
        if (now == published) return;
        ServiceState from = published;
        published = now;
        ctx.publish().accept(new StateChange(spec.name(), from, now, detail.get(), pid(), lines));
    }

    private void retryDue() {
        if (life.state() == ServiceState.BACKOFF) transition(life.retryDue(), () -> "restarting");
    }

    private void spawn() {
        recent.clear();       // a crash report shows this run's output, not the previous run's
        startNanos = ctx.nanoTime().getAsLong();
        stopSignalled = false;
        livenessFailures = 0;
        if (!java.nio.file.Files.isDirectory(spec.dir())) {
            couldNotStart("its dir " + spec.dir() + " does not exist; create it or fix dir in the manifest");
            return;
        }
        try {
            env = Environment.build(ctx.baseEnv(), spec.envFiles(), spec.env(), ctx.colour());
        } catch (Environment.EnvFileException e) {
            couldNotStart(e.getMessage());
            return;
        }
        runStep(0);
    }

    /** before-start commands one after another; the service itself after the last succeeded. */
    private void runStep(int i) {
        if (life.state() != ServiceState.STARTING) return;
        if (i == spec.beforeStart().size()) {
            spawnService();
            return;
        }
        Command c = spec.beforeStart().get(i);
        Optional<List<String>> argv = CommandOutcomes.resolve(c, spec.dir(), env);
        if (argv.isEmpty()) {
            couldNotStart("before-start `" + c.display() + "`: " + c.program() + " is not on PATH (or not executable)");
            return;
        }
        ctx.console().say(spec.name(), "before-start: " + c.display());
        try {
            step = ChildProcess.start(argv.get(), spec.dir(), env, ctx.tree(), new Output() {
                @Override
                public void onExit(ChildProcess p, int code) {
                    ctx.loop().execute(() -> stepExited(i, c, code));
                }
            });
        } catch (ChildProcess.SpawnException e) {
            couldNotStart("before-start `" + c.display() + "`: " + e.getMessage());
        }
    }

    private void stepExited(int i, Command c, int code) {
        step = null;
        if (life.state() == ServiceState.STOPPING) {
            transition(life.exited(code, ServiceLifecycle.ExitCause.STOPPED_BY_US), () -> "stopped before it started");
        } else if (code != 0) {
            couldNotStart("before-start `" + c.display() + "` " + Exits.describe(code, false) + "; the service was not started");
        } else {
            runStep(i + 1);
        }
    }

    private void spawnService() {
        Optional<List<String>> argv = CommandOutcomes.resolve(spec.command(), spec.dir(), env);
        if (argv.isEmpty()) {
            couldNotStart(spec.command().program() + " is not on PATH (or not executable) in " + spec.dir()
                    + "; install it or give its full path in command");
            return;
        }
        if (check == null) check = spec.health().map(h -> HealthChecks.from(h,
                CommandOutcomes.runner(h.command(), spec.dir(), env, ctx.tree()))).orElse(null);
        if (check instanceof LogLineCheck l) l.reset();
        // Said before the spawn, so it precedes the child's first line on the console.
        ctx.console().say(spec.name(), "starting: " + spec.command().display()
                + (life.restarts() > 0 ? " (restart " + life.restarts() + ")" : ""));
        try {
            child = ChildProcess.start(argv.get(), spec.dir(), env, ctx.tree(), new Output());
        } catch (ChildProcess.SpawnException e) {
            couldNotStart(e.getMessage());
            return;
        }
        startedAt = child.startedAt();
        ctx.publish().accept(new StateChange(spec.name(), ServiceState.STARTING, ServiceState.STARTING,
                "spawned PID " + child.pid(), child.pid(), List.of()));
        if (check == null) {
            healthTimer = schedule(() -> ready(ProbeResult.ready("still running after " + SETTLE_TIME.toMillis() + " ms")), SETTLE_TIME);
            return;
        }
        Duration timeout = spec.health().orElseThrow().timeout();
        ChildProcess probed = child;
        prober = new ReadinessProber(check, ctx.probes(), r -> ctx.loop().execute(() -> {
            if (probed == child) ready(r);      // a late result from the previous run says nothing about this one
        }));
        prober.start();
        healthTimer = schedule(this::healthTimedOut, timeout);
        progressTimer = ctx.loop().scheduleAtFixedRate(this::progress, PROGRESS_EVERY.toMillis(),
                PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void couldNotStart(String why) {
        transition(life.couldNotStart(), () -> "FAILED: " + why, recent.last(CRASH_LINES));
    }

    private void ready(ProbeResult r) {
        // An exited leader whose last output is still draining is not healthy: its exit report is on the way.
        if (life.state() != ServiceState.STARTING || child == null || child.leaderExited()) return;
        cancel(healthTimer);
        cancel(progressTimer);
        transition(life.healthy(), () -> "healthy in " + Exits.seconds(elapsed()) + " (" + r.detail() + "; PID " + child.pid() + ")");
        if (check != null && check.canTurnUnhealthy()) {
            livenessTimer = ctx.loop().scheduleWithFixedDelay(this::probeLiveness, ctx.livenessEvery().toMillis(),
                    ctx.livenessEvery().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void probeLiveness() {
        ChildProcess probed = child;
        ctx.probes().execute(() -> {
            ProbeResult r = check.probe();
            ctx.loop().execute(() -> livenessResult(probed, r));
        });
    }

    private void livenessResult(ChildProcess probed, ProbeResult r) {
        if (probed != child) return;
        if (r.ready()) {
            livenessFailures = 0;
            if (life.state() == ServiceState.UNHEALTHY) transition(life.healthy(), () -> "healthy again (" + r.detail() + ")");
        } else if (++livenessFailures >= LIVENESS_FAILURES && life.state() == ServiceState.HEALTHY) {
            transition(life.unhealthy(), () -> "unhealthy: " + r.detail() + " (" + livenessFailures + " checks in a row)");
        }
    }

    private void progress() {
        if (life.state() != ServiceState.STARTING || prober == null) return;
        ctx.console().say(spec.name(), "waiting for " + check.describe() + " (" + Exits.seconds(elapsed()) + " of "
                + spec.health().orElseThrow().timeout().toSeconds() + "s): " + prober.last().detail());
    }

    private void healthTimedOut() {
        if (life.state() != ServiceState.STARTING) return;
        String last = prober == null ? "" : prober.last().detail();
        stopProbing();
        // Read the OS before stopping anything: which ports the tree holds is the evidence.
        List<String> why = child == null ? List.of()
                : HealthDiagnosis.explain(spec, child.liveTree(), io.devlaunch.ports.PortOwners.forThisOs());
        transition(life.healthTimedOut(), () -> "not healthy after " + Exits.seconds(elapsed()) + " — " + check.describe()
                + " never passed; last attempt: " + last + "."
                + why.stream().map(w -> "\n  why: " + w).reduce("", String::concat) + "\n  Stopping it.", recent.last(CRASH_LINES));
    }

    private void signalStop(Duration grace) {
        stopSignalled = true;
        stopProbing();
        ChildProcess target = child != null ? child : step;
        if (target == null) return;
        target.signal(PosixSignal.named(spec.stopSignal()));
        cancel(killTimer);
        killTimer = schedule(() -> {
            if (target.exitReported()) return;
            ctx.console().say(spec.name(), "did not stop within " + grace.toSeconds() + "s of SIG" + spec.stopSignal()
                    + " — sending SIGKILL to its process tree");
            target.signal(PosixSignal.KILL);
        }, grace);
    }

    /** The backoff counts from the exit, so the time spent reporting the crash is not added to it. */
    private Duration backoffLeft(Duration backoff) {
        Duration left = backoff.minusNanos(ctx.nanoTime().getAsLong() - exitNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private void childExited(ChildProcess c, int code, long seenNanos) {
        if (c != child) return;
        child = null;
        exitNanos = seenNanos;
        lastExit = code;
        stopProbing();
        boolean byUs = stopSignalled;
        // Its group ends with it: at once after a crash; after a stop, once the rest had its stop-timeout too.
        if (!byUs) c.signal(PosixSignal.KILL);
        else ctx.loop().schedule(() -> c.signal(PosixSignal.KILL), spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Duration ran = elapsed();
        ServiceState before = life.state();
        List<Action> actions = life.exited(code, byUs ? ServiceLifecycle.ExitCause.STOPPED_BY_US : ServiceLifecycle.ExitCause.BY_ITSELF);
        String detail = Exits.afterExit(life, before, code, byUs, ran, spec);
        boolean explain = life.state() == ServiceState.BACKOFF || (life.state() == ServiceState.FAILED && before != ServiceState.STOPPING)
                || (life.state() == ServiceState.EXITED && code != 0);
        transition(actions, () -> detail, explain ? recent.last(CRASH_LINES) : List.of());
    }

    private void stopProbing() {
        if (prober != null) prober.stop();
        prober = null;
        cancel(healthTimer);
        cancel(progressTimer);
        cancel(livenessTimer);
    }

    private void cancelTimers() {
        cancel(retryTimer);
        cancel(killTimer);
        stopProbing();
    }

    private Duration elapsed() {
        return Duration.ofNanos(ctx.nanoTime().getAsLong() - startNanos);
    }

    private ScheduledFuture<?> schedule(Runnable r, Duration d) {
        return ctx.loop().schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }

    /** Output of the service and its before-start steps: console, log file, crash ring, log check. */
    private class Output implements ChildProcess.Listener {
        @Override
        public void onOutput(ChildProcess p, boolean stderr, io.devlaunch.output.LineBatch lines) {
            // Readiness first: a server's "listening" line should trigger a probe before anything else.
            HealthCheck c = check;
            if (c instanceof LogLineCheck l && l.looking()) l.offer(lines.toStrings());
            ReadinessProber pr = prober;
            if (pr != null) pr.poke();
            recent.add(lines);
            ctx.console().print(spec.name(), colour, lines, logFile);
        }

        @Override
        public void onExit(ChildProcess p, int code) {
            long seen = ctx.nanoTime().getAsLong();
            ctx.loop().execute(() -> childExited(p, code, seen));
        }
    }
}
