package io.devlaunch.testing;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.output.Console;
import io.devlaunch.output.Terminal;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.Supervisor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * A real supervisor over a manifest written to a temp folder, with its console captured and every
 * state change recorded. {@link #close()} stops it and makes sure nothing it started survives.
 */
public final class Stack implements AutoCloseable {
    private final Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console;
    private final Supervisor supervisor;
    private final Manifest manifest;
    private io.devlaunch.ipc.ControlServer control;      // when the test serves the control socket
    private final CompletableFuture<Supervisor.Outcome> outcome;
    public final List<StateChange> events = new CopyOnWriteArrayList<>();

    private Stack(Path dir, String manifestText, List<String> services, boolean colour, Supervisor.Timing timing,
                  java.util.function.Consumer<StateChange> firstListener) throws Exception {
        this(dir, manifestText, services, colour, timing, firstListener, false, null);
    }

    private Stack(Path dir, String manifestText, List<String> services, boolean colour, Supervisor.Timing timing,
                  java.util.function.Consumer<StateChange> firstListener, boolean watch,
                  io.devlaunch.supervise.OutputListener output) throws Exception {
        this.dir = dir;
        Manifest m = ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), manifestText));
        this.manifest = m;
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, colour);
        List<String> selected = services.isEmpty() ? m.startOrder() : m.withDependencies(services);
        console = new Console(t, selected, false);
        supervisor = new Supervisor(m, selected, console, dir.resolve(".devlaunch/logs"), System.getenv(), colour,
                ProcessTree.forThisOs(), timing);
        if (firstListener != null) supervisor.addListener(firstListener);
        // The reporter first: once a test sees a change, what it printed about it is already queued.
        supervisor.addListener(new io.devlaunch.supervise.ConsoleReporter(console, selected, "Ctrl+C to stop"));
        supervisor.addListener(events::add);
        if (watch) supervisor.watchFiles();
        if (output != null) supervisor.addOutputListener(output);
        outcome = supervisor.start();
    }

    public static Stack start(Path dir, String manifest) throws Exception {
        return new Stack(dir, manifest, List.of(), false, Supervisor.Timing.REAL, null);
    }

    public static Stack start(Path dir, String manifest, boolean colour) throws Exception {
        return new Stack(dir, manifest, List.of(), colour, Supervisor.Timing.REAL, null);
    }

    /** Restarting services when their watched files change, as {@code up} does without {@code --no-watch}. */
    public static Stack startWatching(Path dir, String manifest) throws Exception {
        return new Stack(dir, manifest, List.of(), false, Supervisor.Timing.REAL, null, true, null);
    }

    /** With {@code output} hearing every batch of every child's output lines. */
    public static Stack startListening(Path dir, String manifest, io.devlaunch.supervise.OutputListener output) throws Exception {
        return new Stack(dir, manifest, List.of(), false, Supervisor.Timing.REAL, null, false, output);
    }

    /** With a liveness interval of the test's choosing (so going unhealthy takes ms, not 15 s). */
    public static Stack start(Path dir, String manifest, Duration livenessEvery) throws Exception {
        return new Stack(dir, manifest, List.of(), false, new Supervisor.Timing(System::nanoTime, livenessEvery), null);
    }

    /**
     * On a clock the test controls; {@code onChange} hears every state change before anything else
     * does (and before the runner acts on it), so a test can move the clock at exactly that moment.
     */
    public static Stack start(Path dir, String manifest, LongSupplier clock, java.util.function.Consumer<StateChange> onChange)
            throws Exception {
        return new Stack(dir, manifest, List.of(), false, new Supervisor.Timing(clock, Supervisor.Timing.REAL.livenessEvery()),
                onChange);
    }

    /** The supervisor itself, for calls whose result a test wants to hold (a restart's future) rather than wait for. */
    public Supervisor supervisor() {
        return supervisor;
    }

    /**
     * Answers on the project's control socket and is recorded as its running supervisor, as {@code up}
     * does: the CLI run in this folder reaches it. {@link #close()} undoes both.
     */
    public Stack serveControl() throws java.io.IOException {
        io.devlaunch.runstate.StateFolder folder = io.devlaunch.runstate.StateFolder.of(manifest);
        new io.devlaunch.runstate.RunRecords(folder).writeSupervisor(manifest,
                io.devlaunch.process.ProcessIdentity.of(ProcessHandle.current()).orElseThrow(), false);
        control = io.devlaunch.ipc.ControlServer.start(folder, manifest, supervisor, console);
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** Everything printed so far (waits for the console to catch up first). */
    public String console() {
        console.drain();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The console with runs of spaces collapsed, so assertions need not know the prefix padding. */
    public String flat() {
        return console().replaceAll(" {2,}", " ");
    }

    public ServiceState state(String service) {
        ServiceState s = ServiceState.PENDING;
        for (StateChange c : events) if (c.service().equals(service)) s = c.to();
        return s;
    }

    public void awaitState(String service, ServiceState state, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(20))
                .conditionEvaluationListener(c -> { })
                .until(() -> state(service) == state);
    }

    public void awaitState(String service, ServiceState state) {
        try {
            awaitState(service, state, Duration.ofSeconds(20));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(service + " never reached " + state + "; it is " + state(service)
                    + "\nevents: " + events + "\nconsole:\n" + console(), e);
        }
    }

    /** The PID of the service's current (latest spawned) process. */
    public long pid(String service) {
        long pid = -1;
        for (StateChange c : events) if (c.service().equals(service) && c.pid() > 0) pid = c.pid();
        return pid;
    }

    /** A number printed by a fixture as {@code key=123}. */
    public Optional<Long> printed(String key) {
        Matcher m = Pattern.compile(key + "=(\\d+)").matcher(console());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    public boolean restart(List<String> services, boolean withDependents, Runnable beforeStarting) throws Exception {
        return supervisor.restart(services, withDependents, beforeStarting).get(30, TimeUnit.SECONDS);
    }

    public Supervisor.Outcome stop() throws Exception {
        supervisor.stop();
        return outcome.get(30, TimeUnit.SECONDS);
    }

    /** The future {@link Supervisor#start} returned: a test may look at what waits on it. */
    public CompletableFuture<Supervisor.Outcome> outcome() {
        return outcome;
    }

    /** The run is over (every service ended by itself, or it was stopped). */
    public boolean ended() {
        return outcome.isDone();
    }

    public Supervisor.Outcome awaitEnd(Duration within) throws Exception {
        return outcome.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        if (control != null) {
            control.close();
            new io.devlaunch.runstate.RunRecords(io.devlaunch.runstate.StateFolder.of(manifest)).clear();
        }
        if (!outcome.isDone()) {
            supervisor.stop();
            try {
                outcome.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                supervisor.kill();
                throw e;
            }
        }
        console.close();
    }
}
