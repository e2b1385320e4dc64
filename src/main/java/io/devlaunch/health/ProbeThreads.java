package io.devlaunch.health;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every service's probes run. Two fixed threads used to run them all, so one service's slow
 * check (a command that takes its 5 s, a server that accepts and never answers) starved everyone
 * else's readiness and liveness probes. Now:
 * <ul>
 * <li>one timer thread only keeps time: schedules, and the readiness ticks, which are non-blocking
 *     loopback connects of a few microseconds — nothing on it can wait on a service;</li>
 * <li>each blocking probe runs on a worker of a cached pool: an idle worker if there is one, else a
 *     new one, up to {@link #MAX_WORKERS}. A probe holds its worker for at most its check's
 *     {@link HealthCheck#budget()}, so a stuck check costs one thread for a few seconds, never
 *     another service's turn. Idle workers end after {@link #IDLE_SECONDS} s: a quiet stack keeps one or two.</li>
 * </ul>
 * Past the bound (more than {@link #MAX_WORKERS} probes stuck at once) probes queue, each waiting
 * at most a budget. Threads are named {@code devlaunch-probe*}, which bench/helpers reads.
 */
public final class ProbeThreads implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeThreads.class);
    /** Each service has one probe in flight at a time; this many stuck together is far past a dev stack. */
    static final int MAX_WORKERS = 32;
    static final long IDLE_SECONDS = 10;

    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor workers;

    public ProbeThreads() {
        this(MAX_WORKERS);
    }

    ProbeThreads(int maxWorkers) {
        timer = new ScheduledThreadPoolExecutor(1, named("devlaunch-probe", false), (task, pool) -> { });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        HandOff queue = new HandOff();
        workers = new ThreadPoolExecutor(0, maxWorkers, IDLE_SECONDS, TimeUnit.SECONDS, queue, named("devlaunch-probe-w", true),
                (task, pool) -> {
                    // At the bound: wait for the first worker free. After shutdown: dropped, the run is over.
                    if (!pool.isShutdown()) queue.enqueue(task);
                }) {
            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                if (t != null) LOG.error("internal error in a health probe (please report it): {}", t.toString(), t);
            }
        };
    }

    /** Schedules and non-blocking ticks only: anything that may wait goes to {@link #execute}. */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** Runs a blocking probe (or other short OS read) on a worker of its own. */
    @Override
    public void execute(Runnable probe) {
        workers.execute(probe);
    }

    /** Workers alive now (busy or idle), for tests. */
    int workers() {
        return workers.getPoolSize();
    }

    /** Workers running a probe now, for tests. */
    int busy() {
        return workers.getActiveCount();
    }

    public boolean isShutdown() {
        return timer.isShutdown();
    }

    /**
     * Ends the run's probing: timers dropped, probes in flight interrupted (a command check kills its
     * command then; a socket read ends at its budget). Later work is dropped.
     */
    public void shutdownNow() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * A queue that takes a task only when a worker is already waiting for one, so the pool starts a
     * worker rather than queue behind a busy one (a plain queue keeps a pool at its core size, which
     * would be the old two shared threads again); tasks past the bound go in through {@link #enqueue}.
     */
    private static final class HandOff extends LinkedTransferQueue<Runnable> {
        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void enqueue(Runnable task) {
            super.offer(task);
        }
    }

    private static ThreadFactory named(String name, boolean numbered) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + n.incrementAndGet() : name);
            t.setDaemon(true);
            return t;
        };
    }
}
