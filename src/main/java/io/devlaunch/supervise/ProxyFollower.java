package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.output.Durations;
import io.devlaunch.proxy.HoldStats;
import io.devlaunch.proxy.PortProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A proxied service's public ports following its state: held while it starts, restarts or backs
 * off; forwarded to this run's private ports once it is healthy; answered with the reason (HTTP
 * 503) once it will not come back. Before a restart stops it, connections in flight get to finish.
 * Everything here runs on the supervisor's loop; the proxy does its work on its own thread.
 */
final class ProxyFollower implements Consumer<StateChange> {
    private CompletableFuture<Void> forwarded;   // the last HEALTHY's forward, announced (held N connections)
    private ServiceSpec spec;       // replaced between a stop and the next start; its ports and proxy block never change
    private final PortProxy proxy;
    private final RunContext ctx;
    private PrivatePorts ports;
    private boolean restartComing;      // the next stop is a restart's: keep holding through it
    private boolean draining;
    private boolean onRequest;          // stopped by `devlaunch stop`: said once it is down
    private boolean closing;            // the run ends: the proxy closing is by design
    private volatile String stopped;    // why the proxy stopped under the run, or null
    private Consumer<String> onStopped = why -> { };

    ProxyFollower(ServiceSpec spec, PortProxy proxy, RunContext ctx) {
        this.spec = spec;
        this.proxy = proxy;
        this.ctx = ctx;
        // A cap reached is said once on the console: clients see 503s or a wait, and should know why.
        proxy.onNotice(line -> ctx.loop().execute(() -> ctx.console().say(spec.name(), line)));
        proxy.closed().thenRun(() -> ctx.loop().execute(this::proxyGone));
    }

    /** Told once, on the loop, should the proxy ever stop before the run ends (its port then refuses). */
    void onStopped(Consumer<String> listener) {
        onStopped = listener;
    }

    /** Why the proxy stopped under the run, or null while it serves: the service cannot be healthy then. */
    String stopped() {
        return stopped;
    }

    private void proxyGone() {
        if (closing) return;
        stopped = "devlaunch's proxy for port " + portsText() + " stopped, so clients are refused; `devlaunch down && devlaunch up` holds it again";
        onStopped.accept(stopped);
    }

    /**
     * The forward {@code c} started, once the proxy has it in place and its "held N connections" line
     * is queued on the loop; null when {@code c} started none. What waits for the service to be
     * healthy (a restart's reply) waits for this too, so that line comes before "restarted".
     */
    CompletableFuture<Void> forwardedBy(StateChange c) {
        CompletableFuture<Void> f = forwarded;
        forwarded = null;
        return c.to() == ServiceState.HEALTHY ? f : null;
    }

    /** A restart's new definition (its stop-timeout bounds the next drain); ports and proxy changes need a new run. */
    void follow(ServiceSpec next) {
        spec = next;
    }

    /** Fresh private ports for the next start: picked off the loop (it binds), kept by {@link #use} on it. */
    PrivatePorts pickPorts() throws IOException {
        return PrivatePorts.pick(spec.ports());
    }

    /** On the loop: this start runs on {@code picked}. */
    void use(PrivatePorts picked) {
        ports = picked;
    }

    /** Public → private of the current run; empty before the first start. */
    Map<Integer, Integer> privatePorts() {
        return ports == null ? Map.of() : ports.byPublic();
    }

    @Override
    public void accept(StateChange c) {
        if (!c.service().equals(spec.name())) return;
        Duration wait = spec.proxy().timeout();
        switch (c.to()) {
            case PENDING, BACKOFF -> proxy.hold(c.to().label(), wait);
            case STARTING -> {
                if (!draining) restartComing = false;
                onRequest = false;
                proxy.hold("starting", wait);
            }
            case HEALTHY -> {
                if (c.from() != ServiceState.UNHEALTHY && ports != null) {
                    forwarded = proxy.forwardTo(ports.byPublic()).thenAccept(this::announce);
                }
            }
            case UNHEALTHY -> { /* still forwarding: it was up, and may well recover */ }
            // Whether it comes back is known once it has stopped: a health timeout's stop ends in FAILED, with its reason.
            case STOPPING -> proxy.hold(restartComing ? "restarting" : "stopping", wait);
            case STOPPED -> {
                if (restartComing) proxy.hold("restarting", wait);
                else if (onRequest) proxy.refuse("stopped", "stopped on request (`devlaunch start " + spec.name() + "` starts it again)");
                else proxy.refuse("stopped", c.detail() + "; `devlaunch restart " + spec.name() + "` starts it again");
            }
            // The page reads "<service> is <state>".
            case EXITED -> proxy.refuse("not running: it exited", reason(c));
            case FAILED -> proxy.refuse("down: devlaunch gave up restarting it", reason(c));
        }
    }

    /** The instance is gone: its spliced connections go with it, not leaked. */
    void instanceGone() {
        proxy.closeEstablished();
    }

    /**
     * For a restart: hold new connections, let those in flight to the old instance finish (at most
     * its stop-timeout — a server killed mid-response is the very error this exists to end), then
     * {@code stop} on the loop. Asked again while draining, it does nothing.
     */
    /**
     * A restart's stop: hold through it, and let a running instance's connections in flight finish
     * first. {@code stop} then applies only if {@code instance} is still the current one (it may
     * have crashed and been started again meanwhile).
     */
    void stopForRestart(ServiceState state, Object instance, java.util.function.Supplier<Object> current, Runnable stop) {
        restartComing = true;
        if (!state.hasProcess() || state == ServiceState.STOPPING) {
            stop.run();
            return;
        }
        drainThen(() -> {
            if (current.get() == instance) stop.run();
        });
    }

    /** The next stop is a {@code devlaunch stop}: once down, its port refuses with that reason. */
    void stoppedOnRequest() {
        restartComing = false;
        onRequest = true;
    }

    /** A restart gave up on it (a dependency is not running): it will not come back, say why. */
    void restartAbandoned(String why) {
        restartComing = false;
        proxy.refuse("stopped", why);
    }

    void drainThen(Runnable stop) {
        restartComing = true;
        if (draining) return;
        draining = true;
        proxy.hold("restarting", spec.proxy().timeout());
        proxy.drained().orTimeout(spec.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> ctx.loop().execute(() -> {
                    draining = false;
                    int cut = proxy.inFlight();
                    // An upload or a long request cut by the restart must not vanish without a word.
                    if (e != null && cut > 0) {
                        ctx.console().say(spec.name(), cut + " request" + (cut == 1 ? "" : "s") + " still in flight after the stop-timeout ("
                                + Durations.seconds(spec.stopTimeout()) + ") cut off by this restart");
                    }
                    stop.run();
                }));
    }

    boolean draining() {
        return draining;
    }

    /** Connections connecting to or spliced with the current instance. */
    int inFlight() {
        return proxy.inFlight();
    }

    void close() {
        closing = true;
        proxy.close();
    }

    private void announce(HoldStats s) {
        if (s.held() > 0) ctx.loop().execute(() -> ctx.console().say(spec.name(), "port " + portsText() + ": " + s.summary()));
    }

    private String portsText() {
        return String.join(", ", spec.ports().stream().map(String::valueOf).toList());
    }

    private static String reason(StateChange c) {
        List<String> error = c.lastLines().isEmpty() ? List.of()
                : HealthDiagnosis.firstErrorLine(c.lastLines()).map(l -> List.of("error: " + l.strip())).orElse(List.of());
        return String.join("\n", java.util.stream.Stream.concat(java.util.stream.Stream.of(c.detail()), error.stream()).toList());
    }
}
