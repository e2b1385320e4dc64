package io.devlaunch.ipc;

import com.typesafe.config.Config;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Console;
import io.devlaunch.runstate.CleanPaths;
import io.devlaunch.runstate.Json;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.Supervisor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The running supervisor's end of the control channel: a Unix domain socket, only for this user
 * (the socket is owner-only and every peer's credentials are checked), nothing on TCP. One JSON
 * request line per connection; replies are JSON lines — {@code {"line": …}} while work goes on,
 * then {@code {"done": true, "ok": …, "message": …}}.
 */
public final class ControlServer implements AutoCloseable {
    private final Path path;
    private final ServerSocketChannel server;
    private final Manifest manifest;
    private final Supervisor supervisor;
    private final Console console;
    private final ExecutorService handlers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "devlaunch-control");
        t.setDaemon(true);
        return t;
    });

    private ControlServer(Path path, ServerSocketChannel server, Manifest manifest, Supervisor supervisor, Console console) {
        this.path = path;
        this.server = server;
        this.manifest = manifest;
        this.supervisor = supervisor;
        this.console = console;
    }

    public static ControlServer start(StateFolder folder, Manifest manifest, Supervisor supervisor, Console console) throws IOException {
        Path path = ControlSocket.path(folder);
        ControlSocket.prepareFolder(path);
        Files.deleteIfExists(path);     // our record said no live supervisor owns it: it is a leftover
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions (Windows): the peer check below still applies
        }
        ControlServer s = new ControlServer(path, server, manifest, supervisor, console);
        Thread accept = new Thread(s::acceptLoop, "devlaunch-control-accept");
        accept.setDaemon(true);
        accept.start();
        return s;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                handlers.execute(() -> handle(c));
            } catch (IOException e) {
                return;      // closed
            }
        }
    }

    private void handle(SocketChannel channel) {
        try (channel; Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
            Consumer<Map<String, Object>> reply = m -> {
                try {
                    synchronized (out) {
                        out.write(Json.render(m) + "\n");
                        out.flush();
                    }
                } catch (IOException e) {
                    // the client went away; the work goes on
                }
            };
            String me = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));
            String peer = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().getName();
            if (!peer.equals(me)) {
                reply.accept(done(false, "refused: the supervisor belongs to " + me + ", not " + peer));
                return;
            }
            String request = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8)).readLine();
            if (request == null) return;
            Config req = Json.parse(request);
            switch (req.getString("cmd")) {
                case "ping" -> reply.accept(done(true, "pong"));
                case "restart" -> restart(req, reply);
                default -> reply.accept(done(false, "unknown request " + req.getString("cmd")));
            }
        } catch (IOException | RuntimeException e) {
            // a broken request or client must never take the supervisor down
        }
    }

    private void restart(Config req, Consumer<Map<String, Object>> reply) {
        List<String> services = req.getStringList("services");
        boolean reset = req.getBoolean("reset");
        Consumer<String> tap = line -> reply.accept(Map.of("line", line));
        console.addTap(tap);
        try {
            boolean ok = supervisor.restart(services, req.getBoolean("withDependents"), () -> {
                if (reset) resetPaths(services);
            }).get();
            console.drain();
            reply.accept(done(ok, ok ? "restarted" : "a service did not come back healthy (see above)"));
        } catch (Exception e) {
            reply.accept(done(false, "restart failed: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())));
        } finally {
            console.removeTap(tap);
        }
    }

    private void resetPaths(List<String> services) {
        for (CleanPaths.Target t : CleanPaths.of(manifest, services)) {
            if (t.checked().refusal().isPresent()) {
                console.say(t.service(), "not deleting " + t.written() + ": " + t.checked().refusal().get());
            } else if (t.checked().present()) {
                console.say(t.service(), CleanPaths.remove(t).map(why -> "reset: could not delete " + t.written() + ": " + why)
                        .orElse("reset: deleted " + t.written()));
            }
        }
    }

    private static Map<String, Object> done(boolean ok, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("done", true);
        m.put("ok", ok);
        m.put("message", message);
        return m;
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // gone already
        }
        handlers.shutdownNow();
    }
}
