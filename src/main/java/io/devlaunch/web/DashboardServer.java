package io.devlaunch.web;

import com.sun.net.httpserver.HttpServer;
import io.devlaunch.output.Console;
import io.devlaunch.runstate.DashboardRecord;
import io.devlaunch.supervise.FrontDoor;
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
import java.util.Set;

/**
 * The dashboard of one {@code up}: subscribes to the supervisor before it starts (so the first
 * transitions and lines are kept), then serves on 127.0.0.1 — the JDK's own HTTP server, no
 * dependency — and says its address once. Everything it shows comes from the supervisor's events;
 * everything it does goes through the supervisor's operations.
 */
public final class DashboardServer implements AutoCloseable {
    /** How many ports from the configured one are tried before giving up. */
    static final int PORTS_TRIED = 20;
    /** At the end of the run, how long requests in flight get to finish. */
    static final long STOP_WAIT_MS = 1_000;

    private final Supervisor supervisor;
    private final StatusRenderer renderer;
    private final FrontDoor restarts;
    private final Console console;
    private final EventHub hub = new EventHub();
    private final List<StateChange> pending = new ArrayList<>();
    private HttpServer server;
    private Routes routes;
    private Api api;
    /** How long a request waits for the supervisor's snapshot; tests shorten it. */
    long statusWaitMs = FrontDoor.STATUS_WAIT.toMillis();
    private WebThreads threads;
    private StateFolder folder;
    private int port = -1;
    private String url;

    private DashboardServer(Supervisor supervisor, StatusRenderer renderer, FrontDoor restarts, Console console) {
        this.supervisor = supervisor;
        this.renderer = renderer;
        this.restarts = restarts;
        this.console = console;
    }

    /** Call before {@code supervisor.start()}. Loads no server classes yet. */
    public static DashboardServer attach(Supervisor supervisor, StatusRenderer renderer, FrontDoor restarts,
            Console console) {
        DashboardServer d = new DashboardServer(supervisor, renderer, restarts, console);
        supervisor.addListener(d::onChange);
        supervisor.addOutputListener(d.hub::onLines);
        // A service that begins or stops waiting at a prompt: its row again, with its last transition.
        supervisor.terminals().onWaitingChanged(service -> {
            StateChange last = d.hub.lastChange(service);
            if (last != null) d.onChange(last);
        });
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

    /** {@link #serve(int, Set, StateFolder, long)} with no ports to leave alone. */
    public void serve(int wanted, StateFolder folder, long supervisorPid) {
        serve(wanted, Set.of(), folder, supervisorPid);
    }

    /**
     * Binds {@code wanted} on 127.0.0.1, or the next free port of {@link #PORTS_TRIED}, and says the
     * address on the console; records it (owner-only) for {@code devlaunch dashboard}. The ports in
     * {@code claimed} (the manifest's services', proxied ones included) are never taken, even when
     * free now: the dashboard binds after the start, and the service binding its port a moment later
     * would find it in use.
     */
    public void serve(int wanted, Set<Integer> claimed, StateFolder folder, long supervisorPid) {
        this.folder = folder;
        JdkServerLimits.apply();
        InetAddress loopback = loopback();
        int last = Math.min(65_535, wanted + PORTS_TRIED - 1);
        for (int p = wanted; p <= last && server == null; p++) {
            if (claimed.contains(p)) continue;
            try {
                server = HttpServer.create(new InetSocketAddress(loopback, p), 64);
                port = p;
            } catch (BindException e) {
                // taken: the next one
            } catch (IOException e) {
                console.say("no dashboard (" + e.getMessage()
                        + "); `devlaunch status` and `devlaunch logs` still work");
                return;
            }
        }
        if (server == null) {
            console.say("dashboard ports " + wanted + "–" + last + " are all taken; no dashboard this run "
                    + "(set another dashboard.port in launcher.conf)");
            return;
        }
        if (port != wanted) {
            console.say("dashboard port " + wanted + (claimed.contains(wanted) ? " is a service's port" : " is taken")
                    + "; using " + port);
        }
        Token token = Token.random();
        Actions actions = new Actions(supervisor, restarts, console);
        api = new Api(supervisor, hub, renderer, actions, statusWaitMs);
        threads = new WebThreads();
        routes = new Routes(new RequestGuard(token, port), api, threads);
        server.createContext("/", routes);
        server.setExecutor(threads);
        server.start();
        url = "http://127.0.0.1:" + port + "/?token=" + token.value();
        try {
            new DashboardRecord(supervisorPid, port, url).write(folder);
        } catch (IOException e) {
            console.say("cannot record the dashboard's address in " + DashboardRecord.file(folder) + " ("
                    + e.getMessage()
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

    /** Requests being answered now; event streams count until they end. */
    int requestsInFlight() {
        return routes == null ? 0 : routes.inFlight().count();
    }

    @Override
    public void close() {
        if (api != null) api.closing();
        hub.close();
        if (server != null) {
            // Up to a second for the streams to send the last transitions and requests to finish, and not
            // a moment more: the JDK 17 server's stop(1) always waits the whole second (JDK-8304065).
            try {
                routes.inFlight().awaitNone(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(0);
            threads.shutdownNow();
            DashboardRecord.remove(folder);
            server = null;
        }
    }
}
