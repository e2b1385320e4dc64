package io.devlaunch.supervise;

import io.devlaunch.process.ProcessTree;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A run's periodic /proc work: leaders that exited while a grandchild holds their pipes open, and
 * adopted orphans to reap. The loop only picks which leaders to look at; /proc is read on a thread
 * of its own, so a slow or failing read never delays an exit or a restart, and what is found comes
 * back to the loop.
 */
final class ProcChecks {
    static final Duration LEADER_CHECK_EVERY = Duration.ofMillis(100);
    /** Reaping scans all of /proc: rarely, since an unreaped orphan zombie costs nothing but a table slot. */
    static final Duration REAP_EVERY = Duration.ofSeconds(1);

    private ProcChecks() {}

    static void schedule(ScheduledExecutorService loop, ScheduledExecutorService procReads, Collection<ServiceRunner> runners,
                         ProcessTree tree) {
        loop.scheduleWithFixedDelay(() -> {
            List<Runnable> checks = runners.stream().map(ServiceRunner::leaderCheck).filter(Objects::nonNull).toList();
            if (!checks.isEmpty()) procReads.execute(() -> checks.forEach(Runnable::run));
        }, LEADER_CHECK_EVERY.toMillis(), LEADER_CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        procReads.scheduleWithFixedDelay(tree::reapOrphans, REAP_EVERY.toMillis(), REAP_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
}
