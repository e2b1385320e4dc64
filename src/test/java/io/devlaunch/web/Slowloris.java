package io.devlaunch.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slow clients (slowloris): each sends a request's head one byte a second and never finishes it,
 * and connects again when the server drops it, so the pressure stays. The pace is the attack's,
 * not a wait of the test's.
 */
final class Slowloris implements AutoCloseable {
    private static final byte[] HEAD = "GET / HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1);

    private final int port;
    private final Socket[] sockets;
    private final int[] sent;
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger connected = new AtomicInteger();
    private final ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-slowloris");
        t.setDaemon(true);
        return t;
    });

    Slowloris(int port, int clients) {
        this.port = port;
        this.sockets = new Socket[clients];
        this.sent = new int[clients];
        pace.scheduleAtFixedRate(this::drip, 0, 1, TimeUnit.SECONDS);
    }

    private void drip() {
        for (int i = 0; i < sockets.length; i++) {
            try {
                if (sockets[i] == null) {
                    Socket s = new Socket();
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    sockets[i] = s;
                    sent[i] = 0;
                }
                sockets[i].getOutputStream().write(sent[i] < HEAD.length ? HEAD[sent[i]] : 'a');
                sent[i]++;
            } catch (IOException e) {
                // dropped by the server (or not let in): again on the next tick
                close(i);
                dropped.incrementAndGet();
            }
        }
        int n = 0;
        for (Socket s : sockets) if (s != null) n++;
        connected.set(n);
        ticks.incrementAndGet();
    }

    private void close(int i) {
        try {
            if (sockets[i] != null) sockets[i].close();
        } catch (IOException ignored) {
            // gone already
        }
        sockets[i] = null;
    }

    int ticks() {
        return ticks.get();
    }

    /** Connections the server dropped or refused so far. */
    int dropped() {
        return dropped.get();
    }

    /** Slow clients holding a connection at the last tick. */
    int connected() {
        return connected.get();
    }

    @Override
    public void close() throws InterruptedException {
        pace.shutdownNow();
        pace.awaitTermination(10, TimeUnit.SECONDS);
        for (int i = 0; i < sockets.length; i++) close(i);
    }
}
