package io.devlaunch.supervise;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How a restart, stop or start from outside (control socket, dashboard, file watcher) is let into
 * the run: names checked at once, then begun on the loop — or refused there, never queued, when the
 * run is ending, so a restart racing `down` cannot bring back what the user is stopping.
 */
final class Admission {
    private Admission() {}

    /**
     * @param refusal on the loop: why nothing may begin now, or null
     * @param after   on the loop, right after a begin (the supervisor re-evaluates what to start or stop)
     */
    static CompletableFuture<Boolean> begin(LoopExecutor loop, Operations ops, List<String> names, Supplier<String> refusal,
                                            Supplier<CompletableFuture<Boolean>> begin, Runnable after) {
        try {
            ops.requireInRun(names);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<CompletableFuture<Boolean>> accepted = new CompletableFuture<>();
        Runnable beginOnLoop = () -> {
            try {
                String why = refusal.get();
                if (why != null) throw new IllegalStateException(why);
                accepted.complete(begin.get());
                after.run();
            } catch (IllegalStateException e) {
                accepted.complete(CompletableFuture.failedFuture(e));
            }
        };
        // Once the run is over the loop refuses new work: answer now, or the caller would wait forever.
        // (Not a callback on the run's end: one per call would stay registered for the whole run.)
        if (!loop.tryExecute(beginOnLoop)) return CompletableFuture.failedFuture(new IllegalStateException("the supervisor has stopped"));
        return accepted.thenCompose(f -> f);
    }
}
