package io.devlaunch.supervise;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduled executor for devlaunch's own threads: daemon threads with a name, late work after
 * shutdown silently dropped, and — unlike the JDK's — a task that throws is logged, not swallowed.
 */
final class LoopExecutor extends ScheduledThreadPoolExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LoopExecutor.class);

    LoopExecutor(int threads, String name) {
        super(threads, daemonThreads(name), (task, executor) -> {
            // Dropped, and marked so: tryExecute can tell; a dropped task must not look merely "not yet run".
            if (task instanceof Future<?> f) f.cancel(false);
        });
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs {@code task} here unless the executor has been shut down. A task accepted before
     * {@link #shutdown()} still runs (shutdown runs what is queued); one refused is not run at all.
     *
     * @return false when refused: the caller does the work itself or answers that it is over
     */
    boolean tryExecute(Runnable task) {
        return !submit(task).isCancelled();
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
        super.afterExecute(r, t);
        if (t == null && r instanceof Future<?> f && f.isDone()) {
            try {
                f.get();
            } catch (ExecutionException e) {
                t = e.getCause();
            } catch (CancellationException | InterruptedException ignored) {
                // cancelled timers are normal
            }
        }
        if (t != null) LOG.error("internal error in devlaunch (please report it): {}", t.toString(), t);
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, n.getAndIncrement() == 0 ? name : name + "-" + n.get());
            t.setDaemon(true);
            return t;
        };
    }
}
