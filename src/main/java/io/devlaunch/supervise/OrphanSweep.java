package io.devlaunch.supervise;

import io.devlaunch.process.ProcessTree;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The run's last step: descendants that outlived their service (re-parented to the supervisor as
 * subreaper) get SIGTERM, are re-checked on a timer, and SIGKILLed at the deadline. All of it on a
 * worker — each look is a walk over /proc — and never a wait: the loop only hears "done".
 */
final class OrphanSweep {
    static final Duration GRACE = Duration.ofSeconds(2);
    static final Duration RECHECK = Duration.ofMillis(20);

    private OrphanSweep() {}

    static void run(ProcessTree tree, ScheduledExecutorService worker, Executor loop, LongSupplier nanoTime, Runnable then) {
        worker.execute(() -> {
            Set<Long> left = tree.serviceDescendants();
            if (left.isEmpty()) {
                loop.execute(then);
                return;
            }
            for (long pid : left) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            await(tree, worker, loop, nanoTime, nanoTime.getAsLong() + GRACE.toNanos(), then);
        });
    }

    private static void await(ProcessTree tree, ScheduledExecutorService worker, Executor loop, LongSupplier nanoTime, long deadline,
                              Runnable then) {
        tree.reapOrphans();
        Set<Long> left = tree.serviceDescendants();
        if (!left.isEmpty() && nanoTime.getAsLong() < deadline) {
            worker.schedule(() -> await(tree, worker, loop, nanoTime, deadline, then), RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        for (long pid : left) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        tree.reapOrphans();
        loop.execute(then);
    }
}
