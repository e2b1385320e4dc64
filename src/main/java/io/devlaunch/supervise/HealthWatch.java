package io.devlaunch.supervise;

import io.devlaunch.health.HealthCheck;
import io.devlaunch.health.HealthChecks;
import io.devlaunch.health.LogLineCheck;
import io.devlaunch.health.ProbeResult;
import io.devlaunch.health.ReadinessProber;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Durations;
import io.devlaunch.lines.LineBatch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * One service's health check across its runs: readiness probing (with its timeout and a progress
 * line every few seconds) while it starts, then liveness probes once it is healthy. It only
 * observes and reports; the runner decides what a result means for the service's state. Runs on
 * the supervisor's loop, except {@link #output}, which the pump thread calls.
 */
final class HealthWatch {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    static final Duration LIVENESS_EVERY = Duration.ofSeconds(5);      // the default; tests pass a shorter one
    static final int LIVENESS_FAILURES = 3;

    /** What the runner hears; every call is on the loop. */
    interface Listener {
        void ready(ProbeResult r);

        void timedOut(String lastAttempt);

        /** A liveness result; {@code failuresInARow} is 0 after a pass. */
        void liveness(ProbeResult r, int failuresInARow);
    }

    private ServiceSpec spec;       // replaced only while no run is probed (see use)
    private final RunContext ctx;
    private volatile HealthCheck check;
    private volatile ReadinessProber prober;
    private ScheduledFuture<?> timeout;
    private ScheduledFuture<?> progress;
    private ScheduledFuture<?> liveness;
    private ScheduledFuture<?> settle;        // no check: ready once it has run a moment without exiting
    private int failures;
    private long generation;      // which run a late probe result belongs to

    HealthWatch(ServiceSpec spec, RunContext ctx) {
        this.spec = spec;
        this.ctx = ctx;
    }

    /** A restart's new definition, taken while the service is down: the next start builds its check from it. */
    void use(ServiceSpec next) {
        stop();
        spec = next;
        check = null;
    }

    /**
     * Builds the check (it needs the service's environment for a command check); false when it has
     * none. Once, unless {@code perRun}: a proxied service's check follows its private port, new at each start.
     */
    boolean prepare(Map<String, String> env, java.util.function.IntUnaryOperator probedPort, boolean perRun) {
        if (check == null || perRun) check = spec.health().map(h -> HealthChecks.from(h,
                CommandOutcomes.runner(h.command(), spec.dir(), env, ctx.tree()), probedPort)).orElse(null);
        if (check instanceof LogLineCheck l) l.reset();
        return check != null;
    }

    String describe() {
        return check.describe();
    }

    /**
     * Probes until the check passes or the health timeout runs out.
     *
     * @param stillThisRun false once the run that was being probed has ended
     */
    void awaitReady(Listener listener, BooleanSupplier stillThisRun, Consumer<String> say, Duration elapsedSoFar) {
        stop();
        long run = ++generation;
        Duration limit = spec.health().orElseThrow().timeout();
        long startedNanos = ctx.nanoTime().getAsLong() - elapsedSoFar.toNanos();
        ReadinessProber p = new ReadinessProber(check, ctx.probes(), r -> ctx.loop().execute(() -> {
            // A late result from the previous run says nothing about this one.
            if (run != generation || !stillThisRun.getAsBoolean()) return;
            cancelReadinessTimers();
            prober = null;
            listener.ready(r);
        }));
        prober = p;
        p.start();
        timeout = schedule(() -> {
            if (run != generation) return;
            String last = p.last().detail();
            stop();
            listener.timedOut(last);
        }, limit);
        progress = ctx.loop().scheduleAtFixedRate(() -> say.accept("waiting for " + check.describe() + " ("
                        + Durations.seconds(Duration.ofNanos(ctx.nanoTime().getAsLong() - startedNanos)) + " of "
                        + limit.toSeconds() + "s): " + p.last().detail()),
                PROGRESS_EVERY.toMillis(), PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A service without a health check is ready once it has run {@code after} without exiting. */
    void settle(Duration after, Runnable ready) {
        settle = schedule(ready, after);
    }

    /**
     * After healthy: a probe every few seconds, each one scheduled when the last has answered — a
     * probe slower than the interval (an HTTP read timeout) never overlaps the next, and results
     * arrive in order. The listener hears each result with the count of failures in a row.
     */
    void watchLiveness(Listener listener, BooleanSupplier stillThisRun) {
        if (!check.canTurnUnhealthy()) return;
        failures = 0;
        scheduleLiveness(listener, stillThisRun, generation);
    }

    private void scheduleLiveness(Listener listener, BooleanSupplier stillThisRun, long run) {
        liveness = ctx.loop().schedule(() -> ctx.probes().execute(() -> {
            ProbeResult r = check.probe();
            ctx.loop().execute(() -> {
                if (run != generation || !stillThisRun.getAsBoolean()) return;
                failures = r.ready() ? 0 : failures + 1;
                listener.liveness(r, failures);
                if (run == generation) scheduleLiveness(listener, stillThisRun, run);
            });
        }), ctx.livenessEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The child printed: a log-line check reads the lines, and the prober probes now. Pump thread. */
    void output(LineBatch lines) {
        HealthCheck c = check;
        if (c instanceof LogLineCheck l && l.looking()) l.offer(lines.toStrings());
        ReadinessProber p = prober;
        if (p != null) p.poke();
    }

    /** Ends probing of the current run. */
    void stop() {
        generation++;
        ReadinessProber p = prober;
        if (p != null) p.stop();
        prober = null;
        cancelReadinessTimers();
        cancel(liveness);
        cancel(settle);
    }

    private void cancelReadinessTimers() {
        cancel(timeout);
        cancel(progress);
    }

    private ScheduledFuture<?> schedule(Runnable r, Duration d) {
        return ctx.loop().schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }
}
