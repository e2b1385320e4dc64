package io.devlaunch.ipc;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.output.Console;
import io.devlaunch.output.Terminal;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.ConsoleReporter;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.Supervisor;
import io.devlaunch.testing.TestFiles;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real supervisor over a manifest in a temp folder with its control server listening, as `up`
 * runs them. Its console is counted and its tail kept (a chatty service would fill memory);
 * {@link #close()} stops everything it started.
 */
final class ControlHarness implements AutoCloseable {
    final Path dir;
    final StateFolder folder;
    final Supervisor supervisor;
    final ControlServer server;
    final List<StateChange> events = new CopyOnWriteArrayList<>();
    private final Tail tail = new Tail();
    private final Console console;
    private final CompletableFuture<Supervisor.Outcome> outcome;

    private ControlHarness(Path dir, StateFolder folder, String manifest, Set<PosixFilePermission> mode, Limits limits) throws Exception {
        this.dir = dir;
        this.folder = folder;
        Manifest m = ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), manifest));
        List<String> names = m.startOrder();
        console = new Console(new Terminal(new PrintStream(tail, true, StandardCharsets.UTF_8), System.err, false), names, false);
        supervisor = new Supervisor(m, names, console, dir.resolve(".devlaunch/logs"), System.getenv(), false, ProcessTree.forThisOs());
        supervisor.addListener(new ConsoleReporter(console, names, "Ctrl+C to stop"));
        supervisor.addListener(events::add);
        outcome = supervisor.start();
        server = ControlServer.start(folder, m, supervisor, console, mode, limits);
    }

    static ControlHarness start(Path dir, String manifest) throws Exception {
        return start(dir, manifest, Limits.DEFAULT);
    }

    static ControlHarness start(Path dir, String manifest, Limits limits) throws Exception {
        return new ControlHarness(dir, new StateFolder(dir.resolve(".devlaunch")), manifest, ControlServer.OWNER_ONLY, limits);
    }

    /** With the state (and so the socket) in {@code folder}, and the socket file given {@code mode}. */
    static ControlHarness start(Path dir, StateFolder folder, String manifest, Set<PosixFilePermission> mode) throws Exception {
        return new ControlHarness(dir, folder, manifest, mode, Limits.DEFAULT);
    }

    Path socket() {
        return server.path();
    }

    ServiceState state(String service) {
        ServiceState s = ServiceState.PENDING;
        for (StateChange c : events) if (c.service().equals(service)) s = c.to();
        return s;
    }

    void awaitState(String service, ServiceState state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .alias(service + " reaching " + state + "; console tail:\n" + console())
                .until(() -> state(service) == state);
    }

    long spawns(String service) {
        return events.stream().filter(c -> c.service().equals(service) && c.from() == ServiceState.STARTING
                && c.to() == ServiceState.STARTING).count();
    }

    /** The last few KiB the console printed. */
    String console() {
        console.drain();
        return tail.text();
    }

    boolean running() {
        return !outcome.isDone();
    }

    @Override
    public void close() throws Exception {
        server.close();
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

    /** Keeps the last 16 KiB written. */
    private static final class Tail extends OutputStream {
        private final byte[] ring = new byte[16 * 1024];
        private long written;

        @Override
        public synchronized void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) write(b[off + i]);
        }

        synchronized String text() {
            int n = (int) Math.min(written, ring.length);
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) out[i] = ring[(int) ((written - n + i) % ring.length)];
            return new String(out, StandardCharsets.UTF_8);
        }
    }
}
