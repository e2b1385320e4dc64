package io.devlaunch.ipc;

import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Console;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.FrontDoor;
import io.devlaunch.supervise.Supervisor;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The running supervisor's end of the control channel: a Unix domain socket, only for this user
 * (the socket is owner-only and every peer's credentials are checked), nothing on TCP. The wire
 * format is {@link Protocol}'s; the transport, with its limits, is {@link ControlChannel}'s; this
 * class answers the requests.
 */
public final class ControlServer implements AutoCloseable {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path path;
    private final ServerSocketChannel server;
    private final Console console;
    private final FrontDoor door;
    private final Supervisor supervisor;    // for attach, which streams a terminal rather than running an operation
    private final ControlLog log = new ControlLog();
    private ControlChannel channel;

    private ControlServer(Path path, ServerSocketChannel server, Manifest manifest, Supervisor supervisor,
            Console console) {
        this.path = path;
        this.server = server;
        this.console = console;
        this.door = new FrontDoor(manifest, supervisor, console);
        this.supervisor = supervisor;
    }

    public static ControlServer start(StateFolder folder, Manifest manifest, Supervisor supervisor,
            Console console) throws IOException {
        return start(folder, manifest, supervisor, console, OWNER_ONLY, Limits.DEFAULT);
    }

    /**
     * @param socketMode the socket file's mode: owner-only, except in a test that must let another user reach the peer
     * check
     */
    static ControlServer start(StateFolder folder, Manifest manifest, Supervisor supervisor, Console console,
                               Set<PosixFilePermission> socketMode, Limits limits) throws IOException {
        Path path = ControlSocket.path(folder);
        ControlSocket.prepareFolder(path);
        Files.deleteIfExists(path);     // our record said no live supervisor owns it: it is a leftover
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(path));
            try {
                Files.setPosixFilePermissions(path, socketMode);
            } catch (UnsupportedOperationException e) {
                // no POSIX permissions (Windows): the peer check below still applies
            }
            ControlServer s = new ControlServer(path, server, manifest, supervisor, console);
            s.channel = new ControlChannel(server, PeerCheck.ownerOf(path), limits, s.log, s::handle);
            return s;
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(path);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    int openConnections() {
        return channel.open();
    }

    /** One request, on a worker of the channel. */
    private void handle(String line, Replies reply) {
        Protocol.Request request;
        try {
            request = Protocol.parseRequest(line);
        } catch (Protocol.BadRequest e) {
            log.refused(e.getMessage());
            reply.done(false, e.getMessage());
            return;
        }
        if (request instanceof Protocol.Ping) {
            reply.done(true, "pong");
        } else if (request instanceof Protocol.RestartRequest r) {
            operate(reply, FrontDoor.Kind.RESTART, r.services(), r.withDependents(), r.reset(), "restarted",
                    "a service did not come back healthy (see above)");
        } else if (request instanceof Protocol.StopRequest r) {
            String names = String.join(", ", r.services());
            operate(reply, FrontDoor.Kind.STOP, r.services(), false, false,
                    "stopped " + names + "; `devlaunch start " + String.join(" ", r.services()) + "` starts "
                            + (r.services().size() == 1 ? "it" : "them") + " again",
                                    "a service did not stop (see above)");
        } else if (request instanceof Protocol.StartRequest r) {
            operate(reply, FrontDoor.Kind.START, r.services(), false, false,
                    "started " + String.join(", ", r.services()), "a service did not come up healthy (see above)");
        } else if (request instanceof Protocol.AttachRequest r) {
            AttachSession.begin(r.service(), supervisor, reply);
        }
    }

    /**
     * Runs a restart, stop or start and streams the console to the client meanwhile: lines, then a
     * Done saying how it went ({@code failed} when it completed false, the reason when it was refused).
     */
    private void operate(Replies reply, FrontDoor.Kind kind, List<String> services, boolean withDependents,
            boolean reset,
                         String succeeded, String failed) {
        // The console's producers call the tap; the channel only queues in memory, so a client that stops reading
        // cannot stall them. Only the named services' lines, and devlaunch's own: `restart web` is about web.
        Console.Tap tap = (source, text) -> {
            if (services.isEmpty() || source.equals(Console.SELF)
                    || services.contains(source)) reply.line(console.plainLine(source, text));
        };
        try {
            Optional<String> notHere = door.notInThisRun(services);
            if (notHere.isPresent()) {
                reply.done(false, notHere.get());
                return;
            }
            console.addTap(tap);
            boolean ok = door.ask(kind, services, withDependents, reset).get();
            // A stop cutting it short fails it with the reason (below); false means a service did not come back.
            reply.done(ok, ok ? succeeded : failed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();     // the channel is closing: the supervisor is on its way out
            reply.done(false, "the supervisor is shutting down");
        } catch (ExecutionException e) {
            reply.done(false, kind.word() + " failed: " + (e.getCause() != null ? e.getCause().getMessage()
                    : e.getMessage()));
        } catch (TimeoutException e) {
            reply.done(false, "the supervisor did not say which services it runs within "
                    + FrontDoor.STATUS_WAIT.toSeconds()
                    + "s; `devlaunch status` shows its state");
        } finally {
            console.removeTap(tap);
        }
    }

    @Override
    public void close() {
        if (channel != null) channel.close();
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // gone already
        }
    }
}
