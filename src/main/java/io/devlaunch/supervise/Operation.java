package io.devlaunch.supervise;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A restart, stop or start of some services asked for from outside (CLI, dashboard, file watch),
 * carried out on the supervisor's loop: advanced after every state change until it is over.
 */
interface Operation {
    /** "restart", "stop" or "start": what a refused second operation is told is in progress. */
    String kind();

    /** True once all are up (or stopped), false if one did not come back; exceptionally when cut short. */
    CompletableFuture<Boolean> result();

    /** The services to start once their dependencies allow; empty while it is still stopping them. */
    Set<String> dueToStart();

    /** The supervisor started {@code name} (or gave up on it): it is no longer due. */
    void started(String name);

    /**
     * Acts on what may act now, after a state change.
     *
     * @return true when the operation is over and {@link #result()} is complete
     */
    boolean advance(Map<String, ServiceRunner> runners, List<String> startOrder);

    /** Cut short (the supervisor is stopping): fails with the reason, since "false" would mean a service did not come back. */
    default void abort(String why) {
        result().completeExceptionally(new IllegalStateException(why));
    }
}
