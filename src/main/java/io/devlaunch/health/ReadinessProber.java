package io.devlaunch.health;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Probes a check until it passes: at once, then after 10 ms, growing by half each time up to the
 * check's {@link HealthCheck#maxProbeDelayMs()} (100 ms for sockets) — and at once again whenever
 * {@link #poke()} says the service printed something, since servers announce readiness on stdout.
 * At most one probe runs at a time.
 */
public final class ReadinessProber {
    static final long FIRST_DELAY_MS = 10;

    private final HealthCheck check;
    private final ScheduledExecutorService executor;
    private final Consumer<ProbeResult> onReady;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean pokedMeanwhile = new AtomicBoolean();
    private volatile boolean finished;
    private volatile ProbeResult last = ProbeResult.notReady("not probed yet");
    private long delayMs = FIRST_DELAY_MS;
    private ScheduledFuture<?> next;

    public ReadinessProber(HealthCheck check, ScheduledExecutorService executor, Consumer<ProbeResult> onReady) {
        this.check = check;
        this.executor = executor;
        this.onReady = onReady;
    }

    public void start() {
        schedule(0);
    }

    /** New output arrived: probe now (or right after the probe in flight). Cheap; called per batch of lines. */
    public void poke() {
        if (finished) return;
        if (inFlight.get()) pokedMeanwhile.set(true);
        else schedule(0);
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
        if (finished || executor.isShutdown()) return;
        if (next != null && !next.isDone()) {
            if (ms > 0 || next.getDelay(TimeUnit.MILLISECONDS) <= 0) return;
            next.cancel(false);
        }
        next = executor.schedule(this::run, ms, TimeUnit.MILLISECONDS);
    }

    private void run() {
        if (finished || !inFlight.compareAndSet(false, true)) return;
        ProbeResult r;
        try {
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
            delayMs = Math.min(check.maxProbeDelayMs(), delayMs + delayMs / 2 + 1);
            next = null;
        }
        schedule(wait);
    }
}
