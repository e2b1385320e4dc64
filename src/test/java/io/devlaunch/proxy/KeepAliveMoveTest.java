package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive HTTP/1.1 connection across a restart, as Python's http.client, Node's keep-alive
 * agent or a browser use one: moved to the new instance between two exchanges, never closed under
 * the client; a restart waits for the exchange in flight only; a WebSocket gets close code 1012.
 */
class KeepAliveMoveTest extends LoopTest {
    /** Answers every request on a connection with "{name} {path}", keep-alive, until the client closes. */
    private static TestServer.Handler named(String name, CountDownLatch answer) {
        return s -> {
            InputStream in = s.getInputStream();
            while (true) {
                String head = Sockets.readHead(in);
                if (head.isEmpty()) return;
                waitFor(answer);
                byte[] body = (name + " " + head.split(" ")[1]).getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes());
                s.getOutputStream().write(body);
            }
        };
    }

    private static void waitFor(CountDownLatch l) throws IOException {
        try {
            if (!l.await(10, TimeUnit.SECONDS)) throw new IOException("the test never let the answer go");
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }

    private static String exchange(Socket c, String path) throws IOException {
        Sockets.send(c, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
        return readAnswer(c);
    }

    private static String readAnswer(Socket c) throws IOException {
        String head = Sockets.readHead(c.getInputStream());
        int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return new String(c.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void aRestartMovesAnIdleKeptAliveConnectionToTheNextInstanceItsNextRequestHeldMeanwhile() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        try (TestServer a = new TestServer(0, named("a", new CountDownLatch(0))); Socket client = Sockets.connect(pub)) {
            proxy.forwardTo(Map.of(pub, a.port())).get(3, TimeUnit.SECONDS);
            assertEquals("a /1", exchange(client, "/1"));
            assertEquals("a /2", exchange(client, "/2"));
            proxy.hold("restarting", Duration.ofSeconds(10));
            proxy.drained().get(2, TimeUnit.SECONDS);   // nothing in flight: no wait for the kept-alive connection
            assertEquals(0, proxy.inFlight());
            a.close();                                  // the old instance stops
            Sockets.send(client, "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n");   // sent while nothing runs
            await("the request is held").atMost(Duration.ofSeconds(3)).until(() -> proxy.heldCount() == 1);
            try (TestServer b = new TestServer(0, named("b", new CountDownLatch(0)))) {
                HoldStats stats = proxy.forwardTo(Map.of(pub, b.port())).get(3, TimeUnit.SECONDS);
                assertEquals("b /3", readAnswer(client), "the same connection, answered by the new instance");
                assertEquals("b /4", exchange(client, "/4"));
                assertEquals(1, stats.held());
                assertEquals(1, b.accepted.get());
            }
        }
    }

    @Test
    void aRestartWaitsForTheExchangeInFlightOnlyThenMovesTheConnection() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        CountDownLatch answer = new CountDownLatch(1);
        try (TestServer a = new TestServer(0, named("a", answer)); Socket client = Sockets.connect(pub)) {
            proxy.forwardTo(Map.of(pub, a.port())).get(3, TimeUnit.SECONDS);
            Sockets.send(client, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            await().atMost(Duration.ofSeconds(3)).until(() -> a.accepted.get() == 1);
            proxy.hold("restarting", Duration.ofSeconds(10));
            CompletableFuture<Void> drained = proxy.drained();
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> !drained.isDone());
            answer.countDown();
            assertEquals("a /slow", readAnswer(client), "the answer in flight is not cut");
            drained.get(2, TimeUnit.SECONDS);
            try (TestServer b = new TestServer(0, named("b", new CountDownLatch(0)))) {
                proxy.forwardTo(Map.of(pub, b.port())).get(3, TimeUnit.SECONDS);
                assertEquals("b /next", exchange(client, "/next"));
            }
        }
    }

    @Test
    void aServiceThatClosesOrResetsAnIdleKeptAliveConnectionLeavesTheClientsOpen() throws Exception {
        for (boolean reset : new boolean[] {false, true}) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("backend", List.of(pub));
            // One answer per connection, then a close (or a reset, as the kernel sends when a process
            // is killed with unread bytes) without saying "Connection: close" — a server's idle timeout.
            try (TestServer a = new TestServer(0, s -> {
                String head = Sockets.readHead(s.getInputStream());
                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok").getBytes());
                if (reset && !head.isEmpty()) s.setSoLinger(true, 0);
            }); Socket client = Sockets.connect(pub)) {
                proxy.forwardTo(Map.of(pub, a.port())).get(3, TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    assertEquals("ok", exchange(client, "/" + i), "request " + i + (reset ? " after a reset" : " after a close"));
                    await().atMost(Duration.ofSeconds(3)).until(() -> proxy.inFlight() == 0);
                    assertEquals(i + 1, a.accepted.get(), "a new upstream for each request (" + i + (reset ? ", reset)" : ", close)"));
                }
            }
            proxy.close();
        }
    }

    @Test
    void aWebSocketGetsCloseCode1012AtARestartBetweenTwoFrames() throws Exception {
        int pub = Sockets.freePort();
        PortProxy proxy = loop.open("backend", List.of(pub));
        try (TestServer a = new TestServer(0, s -> {
            Sockets.readHead(s.getInputStream());
            s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                    .getBytes());
            s.getOutputStream().write(new byte[] {(byte) 0x81, 2, 'h', 'i'});
            while (s.getInputStream().read() >= 0) {
                // a server that says nothing more
            }
        }); Socket client = Sockets.connect(pub)) {
            proxy.forwardTo(Map.of(pub, a.port())).get(3, TimeUnit.SECONDS);
            Sockets.send(client, "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            Sockets.readHead(client.getInputStream());
            assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, client.getInputStream().readNBytes(4));
            proxy.hold("restarting", Duration.ofSeconds(10));
            proxy.drained().get(2, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xF4}, client.getInputStream().readNBytes(4),
                    "a close frame with code 1012, Service Restart");
            assertEquals(-1, client.getInputStream().read());
            assertFalse(proxy.inFlight() > 0);
        }
    }
}
