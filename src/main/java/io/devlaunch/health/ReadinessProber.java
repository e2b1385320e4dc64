package io.devlaunch.health;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Probes a check until it passes: at once, then after 10 ms, growing by half each time up to the
 * check's {@link HealthCheck#maxProbeDelayMs()} (100 ms for sockets) — and at once again whenever
 * {@link #poke()} says the service printed something, since servers announce readiness on stdout.
 * A server that prints nothing would be found only by that schedule, up to 100 ms late: between
 * probes, a check on a loopback port runs its {@link ListenProbe} every {@link #TICK_MS} ms for
 * the first 200 ms, then every 20 ms, and probes at once when the port opens.
 * Once the port has opened, the rest of the wait is the service's own (an HTTP check answered
 * 503), and the schedule alone goes on.
 * At most one probe runs at a time. The timer only keeps time and ticks (neither waits on the
 * service); each probe, which may take its check's whole budget, is handed to a worker, so one
 * service's slow check never holds up another's schedule.
 */
public final class ReadinessProber {
    static final long FIRST_DELAY_MS = 10;
    // A tick costs a timer wake-up and a refused loopback connect: ~15 µs back to back, ~200 µs
    // spaced out on this 2-core machine at load 10-16 (a raw JNA connect is only 30 % cheaper: it
    // is the kernel's loopback connect). Ticking at a rate set from the measured cost did not work:
    // spaced out, each tick runs on colder caches and costs more. Every 2 ms for 200 ms and then
    // 10 ms cost 5 % of a core over a 1.3 s start at that load (readiness.sh), so: every 5 ms
    // while the service is young (most dev servers bind within a few hundred ms), then every
    // 20 ms — about 1 % of a core there, 0.1 % where a tick costs what it does on an idle machine.
    static final long TICK_MS = 5;
    private static final long FAST_TICKS_NANOS = 200_000_000L;
    private static final long TICK_LATER_MS = 20;

    private final HealthCheck check;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final Consumer<ProbeResult> onReady;
    private final AtomicBoolean inFlight = new AtomicBoolean();     // a probe handed to a worker, queued or running
    private final AtomicBoolean pokedMeanwhile = new AtomicBoolean();
    private volatile boolean finished;
    private volatile ProbeResult last = ProbeResult.notReady("not probed yet");
    private long delayMs = FIRST_DELAY_MS;
    private ScheduledFuture<?> next;        // the one timer task pending or running, if any
    private volatile java.util.Optional<ListenProbe> listen;     // made on the first probe, on a worker
    private volatile boolean portOpened;
    private final long startedNanos = System.nanoTime();

    /** Probes on the {@code threads} every service's prober shares. */
    public ReadinessProber(HealthCheck check, ProbeThreads threads, Consumer<ProbeResult> onReady) {
        this(check, threads.timer(), threads, onReady);
    }

    /** Times and probes on one executor: for a single check (tests, benchmarks), where there is no one else to hold up. */
    public ReadinessProber(HealthCheck check, ScheduledExecutorService executor, Consumer<ProbeResult> onReady) {
        this(check, executor, executor, onReady);
    }

    ReadinessProber(HealthCheck check, ScheduledExecutorService timer, Executor workers, Consumer<ProbeResult> onReady) {
        this.check = check;
        this.timer = timer;
        this.workers = workers;
        this.onReady = onReady;
    }

    public void start() {
        schedule(0);
    }

    /** New output arrived: probe now (or right after the probe in flight). Cheap; called per batch of lines. */
    public void poke() {
        if (finished) return;
        // Also seen by a tick that is running right now (schedule(0) leaves a running task alone):
        // it probes instead of waiting for the next tick.
        pokedMeanwhile.set(true);
        if (!inFlight.get()) schedule(0);
    }

    public void stop() {
        finished = true;
        synchronized (this) {
            if (next != null) next.cancel(false);
        }
    }

    /** The latest probe's outcome, for progress and failure messages. */
    public ProbeResult last() {
        return last;
    }

    private synchronized void schedule(long ms) {
        if (finished || timer.isShutdown()) return;
        if (next != null && !next.isDone()) {
            if (ms > 0 || next.getDelay(TimeUnit.MILLISECONDS) <= 0) return;
            next.cancel(false);
        }
        next = timer.schedule(this::dispatch, ms, TimeUnit.MILLISECONDS);
    }

    /** On the timer, as the task {@code next} names: hands the probe to a worker, never runs it here. */
    private void dispatch() {
        timerTaskEnds();        // the probe's end schedules what follows
        if (finished || !inFlight.compareAndSet(false, true)) return;      // one in flight: it re-probes if poked
        try {
            workers.execute(this::run);
        } catch (RejectedExecutionException e) {
            inFlight.set(false);        // shut down: the run is over
        }
    }

    /** On a worker: one probe, then the next one scheduled. */
    private void run() {
        ProbeResult r;
        try {
            if (finished) return;
            pokedMeanwhile.set(false);
            r = check.probe();
            last = r;
        } finally {
            inFlight.set(false);
        }
        if (finished) return;
        if (r.ready()) {
            finished = true;
            onReady.accept(r);
            return;
        }
        long wait;
        synchronized (this) {
            wait = pokedMeanwhile.getAndSet(false) ? 0 : delayMs;
            delayMs = Math.min(closedPortSeen() ? CLOSED_PORT_PROBE_MS : check.maxProbeDelayMs(), delayMs + delayMs / 2 + 1);
        }
        if (listen == null) listen = check.listenProbe();
        if (wait > 0 && listen.isPresent() && !portOpened) tickUntil(System.nanoTime() + wait * 1_000_000);
        else schedule(wait);
    }

    // While the listen probe sees the port closed, the real check could only be refused too: it runs
    // this seldom, to keep its result (the progress line's "connection refused on …") current.
    private static final long CLOSED_PORT_PROBE_MS = 1000;

    private boolean closedPortSeen() {
        return listen != null && listen.isPresent() && !portOpened;
    }

    /**
     * On the timer, between two probes: is the port open yet? Probes at once when it is, else at
     * {@code dueNanos}. The listen probe is a non-blocking loopback connect: it cannot wait on the service.
     */
    private void tick(long dueNanos) {
        if (finished || inFlight.get()) {
            timerTaskEnds();        // the probe in flight schedules what follows
            return;
        }
        boolean open = listen.get().listening();
        if (open || pokedMeanwhile.get()) {
            if (open) {
                portOpened = true;
                synchronized (this) {
                    delayMs = FIRST_DELAY_MS;       // the wait is now the service's own (an HTTP 503): the quick schedule again
                }
            }
            dispatch();
        } else if (System.nanoTime() - dueNanos >= 0) {
            dispatch();
        } else if (timerTaskEnds()) {
            tickUntil(dueNanos);
        }
    }

    /**
     * Called by the timer task that {@code next} names, as it ends: forgets it, so whoever schedules
     * next does not take it for one still pending (a probe can finish on its worker before the task
     * that handed it over is marked done: then nothing was scheduled, and probing stopped).
     *
     * @return false when something newer is pending meanwhile: it comes sooner, and stays
     */
    private synchronized boolean timerTaskEnds() {
        if (next != null && !next.isDone() && next.getDelay(TimeUnit.NANOSECONDS) > 0) return false;
        next = null;
        return true;
    }

    private synchronized void tickUntil(long dueNanos) {
        if (finished || timer.isShutdown()) return;
        if (next != null && !next.isDone()) return;       // a poke got in first: its probe comes sooner
        long age = System.nanoTime() - startedNanos;
        long tick = (age < FAST_TICKS_NANOS ? TICK_MS : TICK_LATER_MS) * 1_000_000;
        next = timer.schedule(() -> tick(dueNanos), Math.min(tick, Math.max(0, dueNanos - System.nanoTime())),
                TimeUnit.NANOSECONDS);
    }
}
