package io.devlaunch.supervise;

import io.devlaunch.health.ProbeResult;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Durations;
import io.devlaunch.output.Palette;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.Exit;
import io.devlaunch.process.PosixSignal;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs one service: carries out its {@link ServiceLifecycle}'s actions with real processes, health
 * probes and timers. Every method except the output callback runs on the supervisor's loop thread.
 */
final class ServiceRunner implements HealthWatch.Listener, ChildProcess.Listener, ServiceStart.Outcome {
    static final Duration SETTLE_TIME = Duration.ofSeconds(1);

    private volatile ServiceSpec spec;   // replaced only between a stop and the next start (useSpec); the pump reads it
    private final RunContext ctx;
    private final ServiceLifecycle life;
    private final ServiceOutput output;
    private ChildProcess child;          // the service's process, while one runs
    private final ServiceStart starter;
    private final HealthWatch health;
    private final RetryTimer retry;
    private final TreeStop treeStop;
    private final ProxyFollower proxy;
    private long startNanos;
    private String failedBecause;        // why a stop of ours ends in FAILED, when not a health timeout
    private boolean stopSignalled;
    private Exit lastExit;               // how the last run ended by itself; null after a start asked for
    private Instant startedAt;

    /** @param proxy its held ports when {@code proxy = true}, else null */
    ServiceRunner(ServiceSpec spec, Palette.Colour colour, RunContext ctx, ProxyFollower proxy) throws IOException {
        this.proxy = proxy;
        if (proxy != null) proxy.onStopped(this::proxyStopped);
        this.spec = spec;
        this.ctx = ctx;
        this.life = new ServiceLifecycle(spec.name(), spec.restart(), spec.maxRestarts(), spec.restartWindow(),
                spec.stopTimeout(), ctx.nanoTime());
        this.health = new HealthWatch(spec, ctx);
        this.output = new ServiceOutput(spec.name(), colour, ctx, health);
        this.treeStop = new TreeStop(spec, ctx);
        this.retry = new RetryTimer(ctx);
        this.starter = new ServiceStart(spec, ctx, proxy, health, this, () -> life.state() == ServiceState.STARTING,
                () -> life.state() == ServiceState.STOPPING, this);
    }

    ServiceSpec spec() {
        return spec;
    }

    // A restart's new definition (an edited launcher.conf), taken while the service is down: all that
    // read the old one follows. Ports, proxy, depends-on, watch and name need a new run (ManifestChanges).
    void useSpec(ServiceSpec next) {
        if (life.state().hasProcess() || starter.inBeforeStart() || !next.name().equals(spec.name())) {
            throw new IllegalStateException(spec.name() + " cannot take a new definition while it runs (" + life.state() + ")");
        }
        spec = next;
        life.use(next.restart(), next.maxRestarts(), next.restartWindow(), next.stopTimeout());
        health.use(next);
        treeStop.use(next);
        starter.use(next);
        if (proxy != null) proxy.follow(next);
    }

    ServiceState state() {
        return life.state();
    }

    ServiceStatus status() {
        return new ServiceStatus(spec.name(), life.state(), pid(),
                child == null ? null : startedAt, spec.ports(), proxy == null ? Map.of() : proxy.privatePorts(), life.restarts(), lastExit);
    }

    void start() {
        lastExit = null;        // a start asked for (first, restart, start): the fresh instance has no last exit
        transition(life.start(), () -> "starting");
    }

    /** A restart's stop: a proxied service first lets the connections in flight finish. */
    void stopForRestart() {
        if (proxy == null) stop();
        else proxy.stopForRestart(life.state(), child, () -> child, this::stop);
    }

    /** A restart could not start it again (a dependency is not running): said, and its held port answers why. */
    void restartAbandoned(String why) {
        ctx.console().say(spec.name(), why);
        if (proxy != null) proxy.restartAbandoned(why);
    }

    void stop() {
        transition(life.stop(), () -> starter.inBeforeStart() ? "stopping its before-start step" : "stopping");
    }

    /** {@code devlaunch stop}: it stays stopped until started again, and its held port says so. */
    void stopOnRequest() {
        if (proxy != null) proxy.stoppedOnRequest();
        transition(life.stop(), () -> life.state() == ServiceState.STOPPED ? "stopped on request" : "stopping on request");
    }

    /** Force: SIGKILL the tree now. */
    void kill() {
        if (child != null) child.signal(PosixSignal.KILL);
        if (starter.stepProcess() != null) starter.stepProcess().signal(PosixSignal.KILL);
    }

    /** Mark a pending service as never started, e.g. because a dependency failed. */
    void abandon(String why) {
        transition(life.stop(), () -> why);
    }

    // Periodic, on the loop: what to look at, off the loop, for a leader that exited while a grandchild
    // holds its pipes (null: nothing). The finding comes back to the loop, checked to be still this child's.
    Runnable leaderCheck() {
        ChildProcess c = child;
        if (stopSignalled || c == null || c.exitReported()) return null;
        return () -> {
            c.noteDescendants();
            if (c.leaderExited()) ctx.loop().execute(() -> {
                if (c == child && !stopSignalled) treeStop.checkLeader(c);
            });
        };
    }

    private long pid() {
        return child == null ? -1 : child.pid();
    }

    private void transition(List<Action> actions, java.util.function.Supplier<String> detail) {
        transition(actions, detail, List.of());
    }

    private void transition(List<Action> actions, java.util.function.Supplier<String> detail, List<String> lines) {
        publishIfChanged(detail, lines);
        for (Action a : actions) {
            if (a instanceof Action.Spawn) spawn();
            else if (a instanceof Action.Stop s) signalStop(s.grace());
            else if (a instanceof Action.ScheduleRetry r) retry.schedule(r.delay(), this::retryDue);
            else if (a instanceof Action.CancelTimers) cancelTimers();
        }
    }

    private ServiceState published = ServiceState.PENDING;
    private volatile boolean starting;      // the pump searches only a starting service's lines for "port in use"

    private void publishIfChanged(java.util.function.Supplier<String> detail, List<String> lines) {
        ServiceState now = life.state();
        if (now == published) return;
        ServiceState from = published;
        published = now;
        starting = now == ServiceState.STARTING;
        ctx.publish().accept(new StateChange(spec.name(), from, now, detail.get(), pid(), lines));
    }

    private void retryDue() {
        if (life.state() == ServiceState.BACKOFF) transition(life.retryDue(), () -> "restarting");
    }

    private void spawn() {
        output.newRun();
        failedBecause = null;
        startNanos = ctx.nanoTime().getAsLong();
        stopSignalled = false;
        starter.begin(life.restarts());
    }

    @Override
    public void stoppedBeforeItStarted(Exit exit) {
        transition(life.exited(exit.succeeded() ? 0 : 1, ServiceLifecycle.ExitCause.STOPPED_BY_US), () -> "stopped before it started");
    }

    @Override
    public void spawned(ChildProcess c, boolean checked) {
        child = c;
        startedAt = child.startedAt();
        ctx.terminals().instance(spec.name(), c);
        ctx.publish().accept(new StateChange(spec.name(), ServiceState.STARTING, ServiceState.STARTING,
                "spawned PID " + child.pid(), child.pid(), List.of()));
        if (!checked) {
            health.settle(SETTLE_TIME, () -> ready(ProbeResult.ready("still running after " + SETTLE_TIME.toMillis() + " ms")));
            return;
        }
        ChildProcess probed = child;
        health.awaitReady(this, () -> probed == child, line -> ctx.console().say(spec.name(), line), elapsed());
    }

    @Override
    public void couldNotStart(String why) {
        transition(life.couldNotStart(), () -> "FAILED: " + why, output.last());
    }

    @Override
    public void ready(ProbeResult r) {
        // An exited leader whose last output is still draining is not healthy: its exit report is on the way.
        if (life.state() != ServiceState.STARTING || child == null || child.leaderExited()) return;
        transition(life.healthy(), () -> "healthy in " + Durations.seconds(elapsed()) + " (" + r.detail() + "; PID " + child.pid() + ")");
        if (proxy != null && proxy.stopped() != null) proxyStopped(proxy.stopped());
        ChildProcess watched = child;
        if (spec.health().isPresent()) health.watchLiveness(this, () -> watched == child);
    }

    @Override
    public void liveness(ProbeResult r, int failuresInARow) {
        if (r.ready()) {
            boolean reachable = proxy == null || proxy.stopped() == null;   // its check probes the private port
            if (life.state() == ServiceState.UNHEALTHY && reachable) transition(life.healthy(), () -> "healthy again (" + r.detail() + ")");
        } else if (failuresInARow >= HealthWatch.LIVENESS_FAILURES && life.state() == ServiceState.HEALTHY) {
            transition(life.unhealthy(), () -> "unhealthy: " + r.detail() + " (" + failuresInARow + " checks in a row)");
        }
    }

    private void proxyStopped(String why) {     // clients are refused: not healthy, whatever its check finds
        if (life.state() == ServiceState.HEALTHY) transition(life.unhealthy(), () -> "unhealthy: " + why);
    }

    @Override
    public void timedOut(String last) {
        if (life.state() != ServiceState.STARTING || child == null) return;
        ChildProcess diagnosed = child;
        Duration took = elapsed();
        HealthDiagnosis.explainOffLoop(spec, diagnosed, starter.setup().probedPort(), ctx, why -> {
            if (life.state() != ServiceState.STARTING || child != diagnosed) return;     // it exited meanwhile: that is reported
            transition(life.healthTimedOut(), () -> Exits.notHealthy(took, health.describe(), last, why), output.last());
        });
    }

    /** It said its port is taken while starting: evidence, checked off the loop; a foreign holder fails it now. */
    private void portTaken(ChildProcess p, String line) {
        if (life.state() != ServiceState.STARTING || p != child) return;
        PortInUse.check(spec, p, line, ctx, why -> {
            if (life.state() != ServiceState.STARTING || child != p) return;
            failedBecause = why;
            transition(life.healthTimedOut(), () -> "stopping: " + why.replaceFirst("^FAILED: ", ""), output.last());
        });
    }

    private void signalStop(Duration grace) {
        stopSignalled = true;
        health.stop();
        ChildProcess target = child != null ? child : starter.stepProcess();
        if (target != null) treeStop.begin(target, grace);
    }

    private void childExited(ChildProcess c, Exit exit, long seenNanos) {
        if (c != child) return;
        child = null;
        retry.exitSeen(seenNanos);
        boolean byUs = stopSignalled;
        if (!byUs) lastExit = exit;     // a stop asked for is no crash: said on the console, not kept as the last exit
        health.stop();
        treeStop.leaderExited(c, byUs);
        if (proxy != null) proxy.instanceGone();
        Duration ran = elapsed();
        ServiceState before = life.state();
        if (EarlyExit.isFailure(spec, before, exit, byUs)) {
            transition(life.couldNotStart(), () -> EarlyExit.why(spec), output.last());
            EarlyExit.sayHolders(spec, ctx);
            return;
        }
        List<Action> actions = life.exited(exit.succeeded() ? 0 : 1, byUs ? ServiceLifecycle.ExitCause.STOPPED_BY_US : ServiceLifecycle.ExitCause.BY_ITSELF);
        String detail = failedBecause != null && life.state() == ServiceState.FAILED ? failedBecause
                : Exits.afterExit(life, before, exit, byUs, ran, spec);
        transition(actions, () -> detail, Exits.wantsItsOutput(before, life.state(), exit) ? output.last() : List.of());
    }

    private void cancelTimers() {
        retry.cancel();
        treeStop.cancel();
        health.stop();
    }

    private Duration elapsed() {
        return Duration.ofNanos(ctx.nanoTime().getAsLong() - startNanos);
    }

    /** Output of the service and its before-start steps (pump thread). */
    @Override
    public void onOutput(ChildProcess p, boolean stderr, io.devlaunch.lines.LineBatch lines) {
        output.lines(stderr, lines);
        String taken = starting && proxy == null && !spec.ports().isEmpty() ? PortInUse.find(lines) : null;
        if (taken != null) ctx.loop().execute(() -> portTaken(p, taken));
    }

    @Override
    public void onExit(ChildProcess p, Exit exit) {
        long seen = ctx.nanoTime().getAsLong();
        output.flush();
        ctx.loop().execute(() -> childExited(p, exit, seen));
    }
}
