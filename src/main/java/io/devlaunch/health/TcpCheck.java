package io.devlaunch.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Ready when a TCP connection to host:port succeeds and is still there a moment later. The second
 * half matters: a port checker (detect-port, used by Create React App) binds and releases the port
 * before the real server starts; a connection that reached that fleeting listener is reset when it
 * closes, and counted ready it let dependents start early.
 */
public final class TcpCheck implements HealthCheck {
    private static final int CONNECT_TIMEOUT_MS = 250;
    /** Long enough for a released listener's reset to arrive (microseconds on loopback), short beside any start-up. */
    static final int STEADY_MS = 30;
    // Both loopbacks of "localhost" share it: a probe is one attempt, however many addresses it tries.
    static final Duration BUDGET = Duration.ofMillis(500);
    private final String host;
    private final int port;

    public TcpCheck(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public ProbeResult probe() {
        String failure = "";
        List<String> addresses = Loopback.addressesFor(host);
        int refused = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        for (String address : addresses) {
            long left = Budget.millisLeft(deadline);
            if (left <= 0) break;
            try (Socket s = Loopback.connect(address, port, (int) Math.min(CONNECT_TIMEOUT_MS, left))) {
                if (!stillThere(s)) {
                    failure = "a listener on " + Loopback.urlHost(address) + ":" + port
                            + " accepted and was gone at once "
                            + "(a port check before the real server starts?)";
                    continue;
                }
                return ProbeResult.ready("TCP " + Loopback.urlHost(address) + ":" + port + " accepts connections");
            } catch (ConnectException e) {
                refused++;
                failure = "connection refused on " + Loopback.urlHost(address) + ":" + port;
            } catch (SocketTimeoutException e) {
                failure = "no answer from " + Loopback.urlHost(address) + ":" + port + " within " + CONNECT_TIMEOUT_MS
                        + " ms";
            } catch (IOException e) {
                failure = e.getMessage() + " (" + Loopback.urlHost(address) + ":" + port + ")";
            }
        }
        if (refused == addresses.size() && addresses.size() > 1) {
            failure = "connection refused on " + host + ":" + port + " (tried " + String.join(" and ", addresses) + ")";
        }
        return ProbeResult.notReady(failure);
    }

    /** The connection outlives a short wait without a reset (which is what a closed listener gives its queue). */
    private static boolean stillThere(Socket s) {
        try {
            java.util.concurrent.locks.LockSupport.parkNanos(STEADY_MS * 1_000_000L);
            s.setSoTimeout(1);
            s.getInputStream().read();          // a banner (SMTP, MySQL …), or an orderly close: a server accepted it
            return true;
        } catch (SocketTimeoutException e) {
            return true;                        // quiet and open: a listener that stays
        } catch (IOException e) {
            return false;                       // reset: the listener closed with it still queued, so it is gone
        }
    }

    @Override
    public Duration budget() {
        return BUDGET;
    }

    @Override
    public java.util.Optional<ListenProbe> listenProbe() {
        return ListenProbe.forLoopback(host, port);
    }

    @Override
    public String describe() {
        return "TCP connect to " + host + ":" + port;
    }
}
