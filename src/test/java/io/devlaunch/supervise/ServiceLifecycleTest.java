package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.RestartPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure state machine, driven by a fake clock: no threads, no sleeps. */
class ServiceLifecycleTest {
    private long now;
    private final Duration grace = Duration.ofSeconds(5);

    private ServiceLifecycle life(RestartPolicy policy, int maxRestarts) {
        return new ServiceLifecycle("api", policy, maxRestarts, Duration.ofSeconds(60), grace, () -> now);
    }

    private static Duration retryDelay(List<Action> actions) {
        return ((Action.ScheduleRetry) actions.get(0)).delay();
    }

    @Test
    void crashLoopBacksOffExponentiallyThenFails() {
        ServiceLifecycle l = life(RestartPolicy.ON_FAILURE, 3);
        assertEquals(List.of(new Action.Spawn()), l.start());
        List<Duration> delays = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            delays.add(retryDelay(l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF)));
            assertEquals(ServiceState.BACKOFF, l.state());
            now += delays.get(i).toNanos();
            l.retryDue();
        }
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)), delays);
        assertEquals(List.of(), l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF));
        assertEquals(ServiceState.FAILED, l.state());
        assertEquals(3, l.restarts());
    }

    @Test
    void backoffIsCappedAtTenSeconds() {
        assertEquals(Duration.ofSeconds(10), ServiceLifecycle.backoff(5));
        assertEquals(Duration.ofSeconds(10), ServiceLifecycle.backoff(60));
    }

    @Test
    void crashesOutsideTheWindowAreForgotten() {
        ServiceLifecycle l = life(RestartPolicy.ALWAYS, 1);
        l.start();
        l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        now += Duration.ofSeconds(61).toNanos();
        l.retryDue();
        l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        assertEquals(ServiceState.BACKOFF, l.state(), "the first crash left the 60 s window");
    }

    @Test
    void stayingHealthyResetsTheBackoff() {
        ServiceLifecycle l = life(RestartPolicy.ON_FAILURE, 5);
        l.start();
        l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        l.retryDue();
        l.healthy();
        now += ServiceLifecycle.STABLE_AFTER.toNanos();
        assertEquals(Duration.ofMillis(500), retryDelay(l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF)));
    }

    @Test
    void healthyThenQuickCrashStillBacksOff() {
        ServiceLifecycle l = life(RestartPolicy.ON_FAILURE, 5);
        l.start();
        l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        l.retryDue();
        l.healthy();
        now += Duration.ofSeconds(1).toNanos();
        assertEquals(Duration.ofSeconds(1), retryDelay(l.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF)));
    }

    @Test
    void policyDecidesWhetherAnExitRestarts() {
        ServiceLifecycle onFailure = life(RestartPolicy.ON_FAILURE, 5);
        onFailure.start();
        onFailure.exited(0, ServiceLifecycle.ExitCause.BY_ITSELF);
        assertEquals(ServiceState.EXITED, onFailure.state());

        ServiceLifecycle no = life(RestartPolicy.NO, 5);
        no.start();
        no.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        assertEquals(ServiceState.EXITED, no.state());

        ServiceLifecycle always = life(RestartPolicy.ALWAYS, 5);
        always.start();
        always.exited(0, ServiceLifecycle.ExitCause.BY_ITSELF);
        assertEquals(ServiceState.BACKOFF, always.state());
    }

    @Test
    void stopSignalsRunningServicesAndEndsWaitingOnesAtOnce() {
        ServiceLifecycle running = life(RestartPolicy.ON_FAILURE, 5);
        running.start();
        assertEquals(List.of(new Action.Stop(grace)), running.stop());
        assertEquals(ServiceState.STOPPING, running.state());
        running.exited(143, ServiceLifecycle.ExitCause.STOPPED_BY_US);
        assertEquals(ServiceState.STOPPED, running.state());

        ServiceLifecycle backingOff = life(RestartPolicy.ON_FAILURE, 5);
        backingOff.start();
        backingOff.exited(1, ServiceLifecycle.ExitCause.BY_ITSELF);
        assertEquals(List.of(new Action.CancelTimers()), backingOff.stop());
        assertEquals(ServiceState.STOPPED, backingOff.state());
    }

    @Test
    void healthTimeoutStopsThenFails() {
        ServiceLifecycle l = life(RestartPolicy.ON_FAILURE, 5);
        l.start();
        assertEquals(List.of(new Action.Stop(grace)), l.healthTimedOut());
        l.exited(143, ServiceLifecycle.ExitCause.STOPPED_BY_US);
        assertEquals(ServiceState.FAILED, l.state());
    }

    @Test
    void illegalEventsThrowNamingServiceStateAndEvent() {
        ServiceLifecycle l = life(RestartPolicy.ON_FAILURE, 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, l::healthy);
        assertTrue(e.getMessage().contains("api: cannot handle healthy in state pending"), e.getMessage());
    }
}
