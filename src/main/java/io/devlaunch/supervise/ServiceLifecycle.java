package io.devlaunch.supervise;

import io.devlaunch.manifest.RestartPolicy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One service's state machine, pure: events in, {@link Action}s out, time from an injected clock.
 * Every transition is guarded — an event that makes no sense in the current state is a bug and
 * throws, naming service, state and event.
 *
 * <p>Restarts back off exponentially from {@link #FIRST_BACKOFF} doubling to {@link #MAX_BACKOFF};
 * more than {@code maxRestarts} crashes within {@code window} → {@link ServiceState#FAILED}. The
 * backoff resets only after the service stayed healthy for {@link #STABLE_AFTER}, so a
 * "healthy, then crash" loop still slows down and fails.
 */
public final class ServiceLifecycle {
    public static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    public static final Duration STABLE_AFTER = Duration.ofSeconds(10);

    /** Why the last exit happened, as the runner saw it. */
    public enum ExitCause { BY_ITSELF, STOPPED_BY_US }

    private final String name;
    private RestartPolicy policy;       // replaced only between a stop and the next start (see use)
    private int maxRestarts;
    private Duration window;
    private Duration stopGrace;
    private final LongSupplier nanoTime;
    private final Deque<Long> crashTimes = new ArrayDeque<>();

    private ServiceState state = ServiceState.PENDING;
    private int backoffStep;
    private long healthySince = -1;
    private int restarts;
    private boolean failAfterStop;
    private Duration lastBackoff = Duration.ZERO;

    public ServiceLifecycle(String name, RestartPolicy policy, int maxRestarts, Duration window, Duration stopGrace,
                            LongSupplier nanoTime) {
        this.name = name;
        this.policy = policy;
        this.maxRestarts = maxRestarts;
        this.window = window;
        this.stopGrace = stopGrace;
        this.nanoTime = nanoTime;
    }

    public ServiceState state() {
        return state;
    }

    /** A restart's new definition (launcher.conf was edited): its policy and grace apply from the next start on. */
    public void use(RestartPolicy policy, int maxRestarts, Duration window, Duration stopGrace) {
        this.policy = policy;
        this.maxRestarts = maxRestarts;
        this.window = window;
        this.stopGrace = stopGrace;
    }

    /** Restarts so far (not counting the first start). */
    public int restarts() {
        return restarts;
    }

    /** Crashes inside the current window. */
    public int recentCrashes() {
        return crashTimes.size();
    }

    public Duration lastBackoff() {
        return lastBackoff;
    }

    /** First start, or a start after it ended: counters reset. */
    public List<Action> start() {
        require("start", ServiceState.PENDING, ServiceState.STOPPED, ServiceState.EXITED, ServiceState.FAILED);
        crashTimes.clear();
        backoffStep = 0;
        failAfterStop = false;
        state = ServiceState.STARTING;
        return List.of(new Action.Spawn());
    }

    public List<Action> healthy() {
        require("healthy", ServiceState.STARTING, ServiceState.UNHEALTHY);
        if (state == ServiceState.STARTING) healthySince = nanoTime.getAsLong();
        state = ServiceState.HEALTHY;
        return List.of();
    }

    public List<Action> unhealthy() {
        require("unhealthy", ServiceState.HEALTHY);
        state = ServiceState.UNHEALTHY;
        return List.of();
    }

    /** The process ended. */
    public List<Action> exited(int exitCode, ExitCause cause) {
        require("exited", ServiceState.STARTING, ServiceState.HEALTHY, ServiceState.UNHEALTHY, ServiceState.STOPPING);
        if (state == ServiceState.STOPPING || cause == ExitCause.STOPPED_BY_US) {
            state = failAfterStop ? ServiceState.FAILED : ServiceState.STOPPED;
            return List.of(new Action.CancelTimers());
        }
        long now = nanoTime.getAsLong();
        if (healthySince >= 0 && now - healthySince >= STABLE_AFTER.toNanos()) {
            backoffStep = 0;        // it ran fine for a while: this crash starts a fresh count
            crashTimes.clear();
        }
        healthySince = -1;
        if (!policy.restartsAfter(exitCode)) {
            state = ServiceState.EXITED;
            return List.of();
        }
        crashTimes.addLast(now);
        while (!crashTimes.isEmpty() && now - crashTimes.peekFirst() > window.toNanos()) crashTimes.removeFirst();
        if (crashTimes.size() > maxRestarts) {
            state = ServiceState.FAILED;
            return List.of();
        }
        lastBackoff = backoff(backoffStep++);
        state = ServiceState.BACKOFF;
        return List.of(new Action.ScheduleRetry(lastBackoff));
    }

    public List<Action> retryDue() {
        require("retryDue", ServiceState.BACKOFF);
        restarts++;
        state = ServiceState.STARTING;
        return List.of(new Action.Spawn());
    }

    /** before-start failed or the OS refused the spawn: retrying will not help. */
    public List<Action> couldNotStart() {
        require("couldNotStart", ServiceState.STARTING);
        state = ServiceState.FAILED;
        return List.of(new Action.CancelTimers());
    }

    /** The health check did not pass in time: stop it, then mark it failed. */
    public List<Action> healthTimedOut() {
        require("healthTimedOut", ServiceState.STARTING);
        failAfterStop = true;
        state = ServiceState.STOPPING;
        return List.of(new Action.Stop(stopGrace));
    }

    public List<Action> stop() {
        switch (state) {
            case STARTING, HEALTHY, UNHEALTHY -> {
                state = ServiceState.STOPPING;
                return List.of(new Action.Stop(stopGrace));
            }
            case PENDING, BACKOFF -> {
                state = ServiceState.STOPPED;
                return List.of(new Action.CancelTimers());
            }
            default -> {
                return List.of();      // already stopping or ended: nothing to do
            }
        }
    }

    static Duration backoff(int step) {
        long ms = FIRST_BACKOFF.toMillis() << Math.min(step, 20);
        return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
    }

    private void require(String event, ServiceState... allowed) {
        for (ServiceState s : allowed) if (s == state) return;
        throw new IllegalStateException(name + ": cannot handle " + event + " in state " + state.label()
                + " (allowed in " + java.util.Arrays.toString(allowed) + ")");
    }
}
