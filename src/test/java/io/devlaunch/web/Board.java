package io.devlaunch.web;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.output.Console;
import io.devlaunch.output.Terminal;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.ConsoleReporter;
import io.devlaunch.supervise.FrontDoor;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.Supervisor;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.web.LiveStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real supervisor with real children and its dashboard on a real port, as {@code up} wires them
 * (attached before the start, served after it); a test talks to it over HTTP.
 */
final class Board implements AutoCloseable {
    final Path dir;
    final Manifest manifest;
    final Supervisor supervisor;
    final DashboardServer dashboard;
    final List<StateChange> events = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** When set, rendering /api/status throws it: a bug in the dashboard, for the tests of what a bug costs. */
    volatile RuntimeException statusBug;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Console console;
    private final CompletableFuture<Supervisor.Outcome> outcome;

    private Board(Path dir, String manifestText, long statusWaitMs) throws Exception {
        this.dir = dir;
        manifest = ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), manifestText));
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
        List<String> selected = manifest.startOrder();
        console = new Console(t, selected, false);
        supervisor = new Supervisor(manifest, selected, console, dir.resolve(".devlaunch/logs"), System.getenv(), false,
                ProcessTree.forThisOs());
        supervisor.addListener(new ConsoleReporter(console, selected, "Ctrl+C to stop"));
        supervisor.addListener(events::add);
        StatusRenderer live = new LiveStatus(manifest, ProcessHandle.current().pid(), false, s -> false);
        StatusRenderer renderer = new StatusRenderer() {
            @Override
            public String status(List<io.devlaunch.supervise.ServiceStatus> services, java.util.Map<String,
                    StateChange> last) {
                RuntimeException bug = statusBug;
                if (bug != null) throw bug;
                return live.status(services, last);
            }

            @Override
            public String row(io.devlaunch.supervise.ServiceStatus service, StateChange last) {
                return live.row(service, last);
            }
        };
        dashboard = DashboardServer.attach(supervisor, renderer,
                new FrontDoor(manifest, supervisor, console), console);
        dashboard.statusWaitMs = statusWaitMs;
        outcome = supervisor.start();
        dashboard.serve(manifest.dashboard().port(), manifest.ports(), StateFolder.of(manifest),
                ProcessHandle.current().pid());
    }

    /** {@code services} is the inside of the manifest's services block; the dashboard gets {@code port}. */
    static Board start(Path dir, int port, String services) throws Exception {
        return start(dir, port, services, FrontDoor.STATUS_WAIT.toMillis());
    }

    /** With requests waiting only {@code statusWaitMs} for the supervisor's answer. */
    static Board start(Path dir, int port, String services, long statusWaitMs) throws Exception {
        return new Board(dir, "dashboard { port = " + port + " }\nservices {\n" + services + "\n}\n", statusWaitMs);
    }

    int dashboardStreams() {
        return dashboard.openStreams();
    }

    int port() {
        return dashboard.port();
    }

    String token() {
        String url = dashboard.url();
        return url.substring(url.indexOf("?token=") + 7);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    }

    HttpRequest.Builder bearer(String path) {
        return request(path).header("Authorization", "Bearer " + token());
    }

    HttpResponse<String> send(HttpRequest.Builder r) throws Exception {
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(bearer(path));
    }

    HttpResponse<String> post(String path) throws Exception {
        return send(bearer(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A request written by hand (HttpClient will not forge a Host); the whole response as text. */
    String raw(String method, String path, String host, String... headers) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String h : headers) req.append(h).append("\r\n");
            req.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    long pid(String service) {
        long pid = -1;
        for (StateChange c : events) if (c.service().equals(service) && c.pid() > 0) pid = c.pid();
        return pid;
    }

    String console() {
        console.drain();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        try {
            if (!outcome.isDone()) {
                supervisor.stop();
                try {
                    outcome.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    supervisor.kill();
                    throw e;
                }
            }
        } finally {
            dashboard.close();
            console.close();
        }
    }
}
