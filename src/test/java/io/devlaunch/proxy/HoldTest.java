package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Holding: connections wait (nothing read) until forwarded, or are refused at the hold limit. */
class HoldTest extends LoopTest {
    @Test
    void connectionsOpenedWhileHoldingAreAnsweredByTheServerStartedAfterwardsNoneRefused() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.hold("restarting", Duration.ofSeconds(10));
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket c = Sockets.connect(pub);   // no server exists yet: a plain port would refuse this
                clients.add(c);
                Sockets.send(c, Sockets.get("/n/" + i, null));
            }
            await("20 connections held").atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 20);
            try (TestServer server = new TestServer(0, s -> {
                String head = Sockets.readHead(s.getInputStream());
                String path = head.split(" ")[1];
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + path.length()
                        + "\r\nConnection: close\r\n\r\n" + path).getBytes());
            })) {
                HoldStats stats = proxy.forwardTo(Map.of(pub, server.port())).get(3, TimeUnit.SECONDS);
                for (int i = 0; i < 20; i++) {
                    String reply = Sockets.readAllText(clients.get(i));
                    assertTrue(reply.startsWith("HTTP/1.1 200 OK") && reply.endsWith("/n/" + i), reply);
                }
                assertEquals(20, stats.held());
                assertEquals(0, stats.refused());
                assertTrue(stats.longestWait().toMillis() > 0, stats.toString());
                assertEquals(20, server.accepted.get());
                assertEquals(HoldStats.NONE.held(), proxy.stats().get(3, TimeUnit.SECONDS).held(), "a new period began");
            }
        } finally {
            for (Socket c : clients) c.close();
        }
    }

    @Test
    void pastTheHoldLimitAnHttpClientGets503WithTheReasonAndRetryAfter() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.hold("starting", Duration.ofMillis(300));
        long t0 = System.nanoTime();
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, Sockets.get("/", "text/html,application/xhtml+xml,*/*;q=0.8"));
            String reply = Sockets.readAllText(c);
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(reply.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), reply);
            assertTrue(reply.contains("\r\nRetry-After: 1\r\n"), reply);
            assertTrue(reply.contains("\r\nContent-Type: text/html; charset=utf-8\r\n"), reply);
            assertTrue(reply.contains("the service did not become healthy within 300ms"), reply);
            assertTrue(reply.contains("<b>backend</b>") && reply.contains("<b>starting</b>"), reply);
            assertTrue(waitedMs >= 280, "answered after " + waitedMs + " ms, before the limit");
        }
        HoldStats stats = proxy.stats().get(3, TimeUnit.SECONDS);
        assertEquals(1, stats.held());
        assertEquals(1, stats.refused());
    }

    @Test
    void pastTheHoldLimitANonHttpClientIsClosedWithoutAnAnswer() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("db", List.of(pub));
        proxy.hold(Duration.ofMillis(200));
        try (Socket c = Sockets.connect(pub)) {
            c.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01});   // a TLS ClientHello's start
            assertEquals(-1, c.getInputStream().read(), "closed, no bytes");
        }
    }

    @Test
    void aClientThatSaysNothingIsClosedAfterTheShortReadTimeout() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("db", List.of(pub));
        proxy.hold(Duration.ofMillis(100));
        try (Socket c = Sockets.connect(pub)) {   // e.g. a client whose protocol has the server speak first
            assertEquals(-1, c.getInputStream().read(), "closed, no bytes");
        }
    }

    @Test
    void aNewHoldLimitAppliesToTheConnectionsHeldAlready() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.hold(Duration.ofSeconds(30));
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, Sockets.get("/", null));
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            proxy.hold("backoff", Duration.ofMillis(200));
            String reply = Sockets.readAllText(c);
            assertTrue(reply.startsWith("HTTP/1.1 503 ") && reply.contains("backend is backoff"), reply);
            assertTrue(reply.contains("Content-Type: text/plain; charset=utf-8"), "no Accept: text/html → plain text\n" + reply);
        }
    }

    @Test
    void aRefusedConnectToThePrivatePortKeepsTheConnectionHeldAndRetries() throws Exception {
        int pub = Sockets.freePort();
        int priv = Sockets.freePort();   // nothing listens there yet: the instance "died" after its health check
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.forwardTo(Map.of(pub, priv));
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, Sockets.get("/", null));
            await("held after the refused connect").atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            try (TestServer server = new TestServer(priv, TestServer.http("back again"))) {
                String reply = Sockets.readAllText(c);
                assertTrue(reply.startsWith("HTTP/1.1 200 OK") && reply.endsWith("back again"), reply);
                assertEquals(1, server.accepted.get());
            }
        }
        assertEquals(0, proxy.stats().get(3, TimeUnit.SECONDS).refused());
    }

    @Test
    void aRefusedConnectThatNeverSucceedsIsAnswered503AtTheHoldLimit() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.hold(Duration.ofMillis(300));
        proxy.forwardTo(Map.of(pub, Sockets.freePort()));
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, Sockets.get("/", "text/html"));
            String reply = Sockets.readAllText(c);
            assertTrue(reply.startsWith("HTTP/1.1 503 ") && reply.contains("did not accept the connection within 300ms"), reply);
        }
    }

    @Test
    void aHeldClientsBytesReachTheServiceInOrderNothingLost() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        try (Socket c = Sockets.connect(pub); TestServer server = new TestServer(0, TestServer.echo())) {
            Sockets.send(c, "first bytes, sent while held");
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            proxy.forwardTo(Map.of(pub, server.port()));
            c.shutdownOutput();
            // The echo server gets them all: what the proxy kept while holding goes first.
            assertEquals("first bytes, sent while held", Sockets.readAllText(c));
        }
    }

    @Test
    void moreThanTheProxyKeepsWhileHoldingWaitsInTheKernelAndArrivesInOrder() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        byte[] upload = new byte[5 * Refusal.HEAD_LIMIT + 123];
        for (int i = 0; i < upload.length; i++) upload[i] = (byte) (i * 31 + i / 251);
        try (Socket c = Sockets.connect(pub); TestServer server = new TestServer(0, TestServer.echo())) {
            c.getOutputStream().write(upload);   // fits the kernel's buffers: the write returns while held
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            proxy.forwardTo(Map.of(pub, server.port()));
            c.shutdownOutput();
            org.junit.jupiter.api.Assertions.assertArrayEquals(upload, Sockets.readAll(c.getInputStream()));
        }
    }

    @Test
    void aHeldClientThatGoesAwayIsForgottenAtOnceItsDescriptorFreed() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.hold("restarting", Duration.ofSeconds(60));
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket c = Sockets.connect(pub);
                clients.add(c);
                if (i % 2 == 0) Sockets.send(c, Sockets.get("/gave-up/" + i, null));   // half of them said something
            }
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 50);
            long fdsHeld = openDescriptors();
            for (Socket c : clients) c.close();   // a browser tab closed, a client's timeout
            await("held connections let go long before the hold limit").atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 0);
            // Both ends live in this JVM: the clients' 50 and the proxy's 50.
            await().atMost(Duration.ofSeconds(3)).until(() -> openDescriptors() <= fdsHeld - 100);
        } finally {
            for (Socket c : clients) c.close();
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
