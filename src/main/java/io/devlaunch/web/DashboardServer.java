package io.devlaunch.web;

import com.sun.net.httpserver.HttpServer;
import io.devlaunch.output.Console;
import io.devlaunch.runstate.DashboardRecord;
import io.devlaunch.runstate.RestartOperation;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.ServiceStatus;
import io.devlaunch.supervise.StateChange;
import io.devlaunch.supervise.Supervisor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The dashboard of one {@code up}: subscribes to the supervisor before it starts (so the first
 * transitions and lines are kept), then serves on 127.0.0.1 — the JDK's own HTTP server, no
 * dependency — and says its address once. Everything it shows comes from the supervisor's events;
 * everything it does goes through the supervisor's operations.
 */
public final class DashboardServer implements AutoCloseable {
    /** How many ports from the configured one are tried before giving up. */
    static final int PORTS_TRIED = 20;

    private final Supervisor supervisor;
    private final StatusRenderer renderer;
    private final RestartOperation restarts;
    private final Console console;
    private final EventHub hub = new EventHub();
    private final List<StateChange> pending = new ArrayList<>();
    private HttpServer server;
    private ExecutorService threads;
    private StateFolder folder;
    private int port = -1;
    private String url;

    private DashboardServer(Supervisor supervisor, StatusRenderer renderer, RestartOperation restarts, Console console) {
        this.supervisor = supervisor;
        this.renderer = renderer;
        this.restarts = restarts;
        this.console = console;
    }

    /** Call before {@code supervisor.start()}. Loads no server classes yet. */
    public static DashboardServer attach(Supervisor supervisor, StatusRenderer renderer, RestartOperation restarts, Console console) {
        DashboardServer d = new DashboardServer(supervisor, renderer, restarts, console);
        supervisor.addListener(d::onChange);
        supervisor.addOutputListener(d.hub::onLines);
        return d;
    }

    /**
     * A burst of transitions (a stop of 20 services is 40) costs one snapshot: the changes wait for
     * it on the loop, and go out with their service's row as it is then.
     */
    private void onChange(StateChange change) {
        boolean first;
        synchronized (pending) {
            pending.add(change);
            first = pending.size() == 1;
        }
        if (!first) return;
        supervisor.status().thenAccept(now -> {
            List<StateChange> due;
            synchronized (pending) {
                due = List.copyOf(pending);
                pending.clear();
            }
            for (StateChange c : due) {
                ServiceStatus s = now.stream().filter(x -> x.name().equals(c.service())).findFirst().orElse(null);
                if (s != null) hub.onState(c, renderer.row(s, c));
            }
        });
    }

    /**
     * Binds {@code wanted} on 127.0.0.1, or the next free port of {@link #PORTS_TRIED}, and says the
     * address on the console; records it (owner-only) for {@code devlaunch dashboard}.
     */
    public void serve(int wanted, StateFolder folder, long supervisorPid) {
        this.folder = folder;
        InetAddress loopback = loopback();
        int last = Math.min(65_535, wanted + PORTS_TRIED - 1);
        for (int p = wanted; p <= last && server == null; p++) {
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, p), 64);
                port = p;
            } catch (BindException e) {
                // taken: the next one
            } catch (IOException e) {
                console.say("no dashboard (" + e.getMessage() + "); `devlaunch status` and `devlaunch logs` still work");
                return;
            }
        }
        if (server == null) {
            console.say("dashboard ports " + wanted + "–" + last + " are all taken; no dashboard this run "
                    + "(set another dashboard.port in launcher.conf)");
            return;
        }
        if (port != wanted) console.say("dashboard port " + wanted + " is taken; using " + port);
        Token token = Token.random();
        Actions actions = new Actions(supervisor, restarts, console);
        server.createContext("/", new Routes(new RequestGuard(token, port), new Api(supervisor, hub, renderer, actions)));
        threads = WebThreads.executor();
        server.setExecutor(threads);
        server.start();
        url = "http://127.0.0.1:" + port + "/?token=" + token.value();
        try {
            new DashboardRecord(supervisorPid, port, url).write(folder);
        } catch (IOException e) {
            console.say("cannot record the dashboard's address in " + DashboardRecord.file(folder) + " (" + e.getMessage()
                    + "); `devlaunch dashboard` will not find it");
        }
        console.say("dashboard: " + url);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);     // four bytes are always an address
        }
    }

    /** Event streams open now (browser tabs, scripts). */
    public int openStreams() {
        return hub.openStreams();
    }

    /** The port served, or -1. */
    public int port() {
        return port;
    }

    /** The address with its token, or null when not serving. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        hub.close();
        if (server != null) {
            // Up to a second for the streams to send the last transitions (it returns as soon as they have).
            server.stop(1);
            threads.shutdownNow();
            DashboardRecord.remove(folder);
            server = null;
        }
    }
}
