package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What keeps the proxy alive under load: the buffer budget, the connection caps, a loop that survives any error. */
class LimitsTest {
    private ProxyLoop loop;

    @AfterEach
    void stop() throws Exception {
        loop.close();
        loop.closed().get(5, TimeUnit.SECONDS);
    }

    @Test
    void tenDownloadsAtOnceThroughABudgetOfTwoBuffersAllArriveByteForByte() throws Exception {
        loop = ProxyLoop.start(new Caps(100, 100, 2));
        byte[] body = SpliceTest.random(1_000_003, 5);
        try (TestServer server = new TestServer(0, s -> {
            Sockets.readHead(s.getInputStream());
            s.getOutputStream().write(body);
        })) {
            int pub = Sockets.freePort();
            loop.open("svc", List.of(pub)).forwardTo(Map.of(pub, server.port())).get(3, TimeUnit.SECONDS);
            List<CompletableFuture<byte[]>> downloads = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                downloads.add(CompletableFuture.supplyAsync(() -> {
                    try (Socket c = Sockets.connect(pub)) {
                        Sockets.send(c, Sockets.get("/", null));
                        return Sockets.readAll(c.getInputStream());
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            for (CompletableFuture<byte[]> d : downloads) assertArrayEquals(body, d.get(30, TimeUnit.SECONDS));
            await("every buffer back").atMost(Duration.ofSeconds(3)).until(() -> outOnLoop() == 0);
        }
    }

    @Test
    void pastTheHoldCapAnHttpClientGets503BusyAndTheConsoleHearsItOnce() throws Exception {
        loop = ProxyLoop.start(new Caps(3, 100, 16));
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        List<String> notices = new CopyOnWriteArrayList<>();
        proxy.onNotice(notices::add);
        proxy.hold("restarting", Duration.ofSeconds(10));
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) held.add(Sockets.connect(pub));
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 3);
            for (int i = 0; i < 2; i++) {
                try (Socket over = Sockets.connect(pub)) {
                    Sockets.send(over, Sockets.get("/", null));
                    String reply = Sockets.readAllText(over);
                    assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
                    assertTrue(reply.contains("too many connections at once"), reply);
                }
            }
            assertEquals(1, notices.size(), notices.toString());
            assertTrue(notices.get(0).contains("connection cap reached, 3 held at once"), notices.get(0));
        } finally {
            for (Socket s : held) s.close();
        }
    }

    @Test
    void pastTheForwardCapAConnectionWaitsHeldUntilAForwardedOneEnds() throws Exception {
        loop = ProxyLoop.start(new Caps(10, 2, 16));
        try (TestServer server = new TestServer(0, TestServer.echo())) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port())).get(3, TimeUnit.SECONDS);
            Socket a = Sockets.connect(pub);
            Socket b = Sockets.connect(pub);
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.inFlight() == 2);
            try (Socket c = Sockets.connect(pub)) {
                await("the third is held").atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
                Sockets.send(c, "ping");
                a.close();   // a slot frees: the held one goes
                byte[] echo = new byte[4];
                c.getInputStream().readNBytes(echo, 0, 4);
                assertEquals("ping", new String(echo));
                assertEquals(0, proxy.heldCount());
            } finally {
                b.close();
            }
        }
    }

    @Test
    void anErrorInOneConnectionClosesThatConnectionAndTheProxyGoesOn() throws Exception {
        loop = ProxyLoop.start(new Caps(100, 100, 16));
        try (TestServer server = new TestServer(0, TestServer.http("fine"));
             java.nio.channels.ServerSocketChannel bad = java.nio.channels.ServerSocketChannel.open()) {
            bad.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            bad.configureBlocking(false);
            CompletableFuture<Throwable> closedWith = new CompletableFuture<>();
            // A handler that fails as direct memory exhaustion did: with an Error, not an exception.
            loop.execute(() -> {
                try {
                    bad.register(loop.selector(), SelectionKey.OP_ACCEPT, new ProxyLoop.Handler() {
                        private SelectionKey last;

                        private SelectionKey key() {
                            return last;
                        }

                        @Override
                        public void ready(SelectionKey key) {
                            last = key;
                            throw new OutOfMemoryError("Cannot reserve 65536 bytes of direct buffer memory (test)");
                        }

                        @Override
                        public void failed(Throwable e) {
                            key().cancel();
                            closedWith.complete(e);
                        }
                    });
                } catch (IOException e) {
                    closedWith.completeExceptionally(e);
                }
            });
            new Socket("127.0.0.1", bad.socket().getLocalPort()).close();
            assertTrue(closedWith.get(3, TimeUnit.SECONDS) instanceof OutOfMemoryError);
            int pub = Sockets.freePort();
            loop.open("svc", List.of(pub)).forwardTo(Map.of(pub, server.port())).get(3, TimeUnit.SECONDS);
            try (Socket c = Sockets.connect(pub)) {
                Sockets.send(c, Sockets.get("/", null));
                assertTrue(Sockets.readAllText(c).endsWith("fine"));
            }
        }
    }

    private int outOnLoop() throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(loop.buffers().out()));
        return f.get(3, TimeUnit.SECONDS);
    }
}
