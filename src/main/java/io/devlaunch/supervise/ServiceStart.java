package io.devlaunch.supervise;

import io.devlaunch.TextEscape;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.Exit;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The way from "starting" to a running process, on the loop: the start's preparation (off the
 * loop, {@link RunSetup#prepareOffLoop}), its before-start steps one after another, then the
 * service's own process. What comes of it goes back to the runner through {@link Outcome}; a
 * preparation that arrives after a later start began is dropped.
 */
final class ServiceStart {
    /** What a start comes to; each called on the loop. */
    interface Outcome {
        void couldNotStart(String why);

        /** Stopped while preparing or in a before-start step: {@code exit} is the step's, if one ran. */
        void stoppedBeforeItStarted(Exit exit);

        /** The service's process runs; {@code checked} is false when it has no health check to wait for. */
        void spawned(ChildProcess child, boolean checked);
    }

    private ServiceSpec spec;           // replaced by a restart's new definition, between runs
    private final RunContext ctx;
    private final ProxyFollower proxy;
    private final HealthWatch health;
    private final ChildProcess.Listener listener;
    private final BooleanSupplier starting;
    private final BooleanSupplier stopping;
    private final Outcome outcome;
    private int generation;              // which start a preparation posted back belongs to
    private BeforeStart step;            // the before-start commands, while they run
    private RunSetup setup;              // this start's environment and ports

    ServiceStart(ServiceSpec spec, RunContext ctx, ProxyFollower proxy, HealthWatch health, ChildProcess.Listener listener,
                 BooleanSupplier starting, BooleanSupplier stopping, Outcome outcome) {
        this.spec = spec;
        this.ctx = ctx;
        this.proxy = proxy;
        this.health = health;
        this.listener = listener;
        this.starting = starting;
        this.stopping = stopping;
        this.outcome = outcome;
    }

    /** @param restarts shown on the "starting:" line when more than 0 */
    void begin(int restarts) {
        int mine = ++generation;
        RunSetup.prepareOffLoop(spec, ctx, proxy, (ready, why) -> prepared(mine, ready, why, restarts));
    }

    /** A restart's new definition, taken while the service is down (see ServiceRunner#useSpec). */
    void use(ServiceSpec next) {
        spec = next;
    }

    /** The before-start step's process while one runs, else null. */
    ChildProcess stepProcess() {
        return step == null ? null : step.current();
    }

    boolean inBeforeStart() {
        return step != null;
    }

    /** The running start's setup (where its checks connect); null before the first. */
    RunSetup setup() {
        return setup;
    }

    private void prepared(int start, RunSetup prepared, String problem, int restarts) {
        if (start != generation) return;          // a later start has begun meanwhile
        if (stopping.getAsBoolean()) {
            outcome.stoppedBeforeItStarted(Exit.code(0));
            return;
        }
        if (!starting.getAsBoolean()) return;
        if (problem != null) {
            outcome.couldNotStart(problem);
            return;
        }
        setup = prepared;
        if (proxy != null) proxy.use(setup.ports());
        step = new BeforeStart(spec, setup, ctx, listener, starting, ending -> stepsEnded(ending, restarts));
        step.next();
    }

    private void stepsEnded(BeforeStart.Ending ending, int restarts) {
        step = null;
        if (stopping.getAsBoolean()) outcome.stoppedBeforeItStarted(ending.exit());
        else if (ending.failure() != null) outcome.couldNotStart(ending.failure());
        else if (starting.getAsBoolean()) spawnService(restarts);
    }

    private void spawnService(int restarts) {
        Optional<List<String>> argv = setup.resolved().map(resolved -> setup.argv(spec.command(), resolved));
        if (argv.isEmpty()) {
            outcome.couldNotStart(spec.command().program() + " is not on PATH (or not executable) in " + spec.dir()
                    + "; install it or give its full path in command");
            return;
        }
        boolean checked = health.prepare(setup.env(), setup.probedPort(), proxy != null);
        // Said before the spawn, so it precedes the child's first line on the console.
        ctx.console().say(spec.name(), "starting: " + TextEscape.controlsEscaped(setup.display(spec.command()))
                + (restarts > 0 ? " (restart " + restarts + ")" : ""));
        try {
            outcome.spawned(ChildProcess.start(argv.get(), spec.dir(), setup.env(), ctx.tree(), listener, spec.interactive()), checked);
        } catch (ChildProcess.SpawnException e) {
            outcome.couldNotStart(e.getMessage());
        }
    }
}
