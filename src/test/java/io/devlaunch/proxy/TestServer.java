package io.devlaunch.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking server on 127.0.0.1 for the proxy's tests (the service behind it): a thread per
 * connection runs {@code handler}; close() closes the listener and every connection and waits for
 * the threads. Port 0 picks an ephemeral port.
 */
final class TestServer implements AutoCloseable {
    interface Handler {
        void handle(Socket s) throws IOException;
    }

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger accepted = new AtomicInteger();

    TestServer(int port, Handler handler) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 1024);
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.incrementAndGet();
                sockets.add(s);
                Thread t = new Thread(() -> {
                    try (s) {
                        handler.handle(s);
                    } catch (IOException e) {
                        // the test closed it, or the client went away: the test checks what it needs
                    }
                }, "test-server-conn");
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }, "test-server-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Echoes every byte until EOF, then closes. */
    static Handler echo() {
        return s -> {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) out.write(buf, 0, n);
        };
    }

    /** Reads and never answers: a request in flight to a slow service, for as long as the test wants. */
    static Handler silent() {
        return s -> {
            byte[] buf = new byte[1024];
            while (s.getInputStream().read(buf) > 0) {
                // keep reading; never answer
            }
        };
    }

    /** Reads a request head, answers 200 with {@code body}, closes. */
    static Handler http(String body) {
        return s -> {
            Sockets.readHead(s.getInputStream());
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + b.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(b);
            s.getOutputStream().flush();
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
