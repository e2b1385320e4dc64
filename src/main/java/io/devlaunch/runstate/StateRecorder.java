package io.devlaunch.runstate;

import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.Supervisor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps {@code services.json} current, with each service's reason for not being up. One write for
 * a burst of changes (stopping 20 services is 40): the snapshot is taken on the loop after the
 * changes already queued, and later changes wait for the next one. The write itself (temp file,
 * atomic move) happens on a thread of its own: a slow disk or an NFS home must not delay an exit
 * or a restart on the loop.
 */
public final class StateRecorder {
    /** States whose transition says what went wrong; the first since the last start is the cause. */
    private static final Set<ServiceState> EXPLAINING = Set.of(ServiceState.UNHEALTHY, ServiceState.BACKOFF,
            ServiceState.STOPPING,
            ServiceState.STOPPED, ServiceState.EXITED, ServiceState.FAILED);
    private static final int MAX_REASON = 400;

    private StateRecorder() {}

    /** @param afterWrite given each snapshot once it is written, on the records thread */
    public static void follow(Supervisor supervisor, RunRecords records, Consumer<List<ServiceStatus>> afterWrite) {
        AtomicBoolean recordDue = new AtomicBoolean();
        Map<String, String> reasons = new HashMap<>();       // the loop's alone; copied with each snapshot
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "devlaunch-records");
            t.setDaemon(true);
            return t;
        });
        supervisor.addListener(change -> {
            remember(reasons, change);
            if (recordDue.compareAndSet(false, true)) {
                // Due again from the moment the snapshot is taken (on the loop), so no later change goes unwritten.
                supervisor.status().thenApply(s -> {
                    recordDue.set(false);
                    return new Snapshot(s, Map.copyOf(reasons));
                }).thenAcceptAsync(s -> {
                    records.writeServices(s.services(), s.reasons());
                    afterWrite.accept(s.services());
                }, writer);
            }
        });
    }

    private record Snapshot(List<ServiceStatus> services, Map<String, String> reasons) {}

    /**
     * A fresh start forgets the old reason; otherwise the first explanation stays: "FAILED: stopped after
     * its health check never passed" says less than the "not healthy after 2.0s — …" before it.
     */
    private static void remember(Map<String, String> reasons, StateChange c) {
        if (!EXPLAINING.contains(c.to())) {
            reasons.remove(c.service());
            return;
        }
        // "Stopping it." says what devlaunch did next, which the state already shows.
        String detail = String.join(" ", c.detail().strip().lines().map(String::strip).filter(l
                -> !l.equals("Stopping it.")).toList());
        if (detail.isEmpty()) return;
        reasons.putIfAbsent(c.service(), detail.length() > MAX_REASON ? detail.substring(0, MAX_REASON) + "…" : detail);
    }
}
