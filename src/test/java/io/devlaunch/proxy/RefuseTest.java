package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Refusing (503 with the reason), and closing or draining the connections to an old instance. */
class RefuseTest extends LoopTest {
    @Test
    void refusedHttpGets503NamingServiceStateAndTheReasonHtmlEscaped() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        proxy.refuse("failed", "exited with code 1: <img src=x onerror=alert(1)> & \"more\"");
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, Sockets.get("/api", "text/html"));
            String reply = Sockets.readAllText(c);
            assertTrue(reply.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), reply);
            assertTrue(reply.contains("\r\nRetry-After: 1\r\n") && reply.contains("\r\nConnection: close\r\n"), reply);
            assertTrue(reply.contains("exited with code 1: &lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;"), reply);
            assertFalse(reply.contains("<img"), "the reason is text, never markup\n" + reply);
            assertTrue(reply.contains("backend is failed"), reply);
            int length = Integer.parseInt(reply.replaceAll("(?s).*\r\nContent-Length: (\\d+)\r\n.*", "$1"));
            assertEquals(length, reply.substring(reply.indexOf("\r\n\r\n") + 4).getBytes("UTF-8").length);
        }
    }

    @Test
    void refuseAnswersTheConnectionsHeldAtThatMomentToo() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, "HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
            await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            proxy.refuse("exited", "exited with code 0 and restart = no");
            String reply = Sockets.readAllText(c);
            assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
            assertTrue(reply.endsWith("\r\n\r\n"), "HEAD: no body\n" + reply);
        }
        assertEquals(1, proxy.stats().get(3, TimeUnit.SECONDS).refused());
    }

    @Test
    void refusedNonHttpIsClosed() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("redis", List.of(pub));
        proxy.refuse("stopped", "stopped by the user");
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, "*1\r\n$4\r\nPING\r\n");
            assertEquals(-1, c.getInputStream().read());
        }
    }

    @Test
    void closeEstablishedClosesTheSplicedConnectionsAndDrainedCompletes() throws Exception {
        try (TestServer server = new TestServer(0, TestServer.silent())) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("backend", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            List<Socket> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket c = Sockets.connect(pub);
                    clients.add(c);
                    Sockets.send(c, "x");         // a request the slow service has not answered
                }
                await().atMost(Duration.ofSeconds(3)).until(() -> server.accepted.get() == 3 && proxy.inFlight() == 3);
                proxy.hold(Duration.ofSeconds(10));   // a restart: new connections wait
                CompletableFuture<Void> drained = proxy.drained();
                try (Socket late = Sockets.connect(pub)) {
                    await().atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
                    assertFalse(drained.isDone(), "3 still in flight");
                    proxy.closeEstablished();
                    drained.get(3, TimeUnit.SECONDS);
                    assertEquals(0, proxy.inFlight());
                    for (Socket c : clients) assertClosed(c);
                    assertEquals(1, proxy.heldCount(), "the held one is not established: it stays held");
                }
            } finally {
                for (Socket c : clients) c.close();
            }
        }
    }

    @Test
    void aDrainClosesIdleKeepAlivesButWaitsForARequestInFlight() throws Exception {
        try (TestServer echo = new TestServer(0, TestServer.echo()); TestServer slow = new TestServer(0, TestServer.silent())) {
            int idlePort = Sockets.freePort();
            int busyPort = Sockets.freePort();
            PortProxy idleProxy = loop.open("web", List.of(idlePort));
            PortProxy busyProxy = loop.open("api", List.of(busyPort));
            idleProxy.forwardTo(Map.of(idlePort, echo.port()));
            busyProxy.forwardTo(Map.of(busyPort, slow.port()));
            try (Socket keepAlive = Sockets.connect(idlePort); Socket waiting = Sockets.connect(busyPort)) {
                Sockets.send(keepAlive, "GET");
                assertEquals('G', keepAlive.getInputStream().read());     // answered: the service spoke last
                Sockets.send(waiting, "GET");                             // not answered yet
                await().atMost(Duration.ofSeconds(3)).until(() -> slow.accepted.get() == 1 && busyProxy.inFlight() == 1);
                idleProxy.drained().get(3, TimeUnit.SECONDS);             // at once, not after the whole drain limit
                keepAlive.getInputStream().readNBytes(2);                 // the rest of the echo
                assertClosed(keepAlive);
                CompletableFuture<Void> busy = busyProxy.drained();
                await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> !busy.isDone());
                assertEquals(1, busyProxy.inFlight(), "a request in flight is left to finish");
                busyProxy.closeEstablished();
                busy.get(3, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void drainedCompletesWhenTheLastClientFinishesByItself() throws Exception {
        try (TestServer server = new TestServer(0, TestServer.echo())) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("backend", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            try (Socket c = Sockets.connect(pub)) {
                Sockets.send(c, "y");
                assertEquals('y', c.getInputStream().read());
                CompletableFuture<Void> drained = proxy.drained();
                assertFalse(drained.isDone());
                c.shutdownOutput();                        // the client is done; the echo server then closes
                assertEquals(-1, c.getInputStream().read());
                drained.get(3, TimeUnit.SECONDS);
            }
            assertTrue(proxy.drained().isDone() || proxy.drained().get(3, TimeUnit.SECONDS) == null);
        }
    }

    private static void assertClosed(Socket c) throws IOException {
        try {
            assertEquals(-1, c.getInputStream().read(), "EOF from the proxy");
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }
}
