package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forwarding: bytes untouched both ways, half-close, ::1, a port in use. */
class SpliceTest {
    private ProxyLoop loop;
    // Own threads: the common pool has one worker on a 2-core machine, and these tasks block.
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        loop = ProxyLoop.start();
    }

    @AfterEach
    void stop() throws Exception {
        loop.close();
        loop.closed().get(5, TimeUnit.SECONDS);
        pool.shutdownNow();
    }

    @Test
    void randomBinaryPayloadsCrossBothWaysByteIdenticalOnSeveralConnectionsAtOnce() throws Exception {
        int size = 3 * 1024 * 1024;
        Map<Integer, byte[]> receivedByServer = new ConcurrentHashMap<>();
        Map<Integer, byte[]> sentByServer = new ConcurrentHashMap<>();
        // The server sends its own random bytes while it reads the client's: both directions busy at once.
        try (TestServer server = new TestServer(0, s -> {
            int id = s.getInputStream().read();   // the client's first byte is its number
            byte[] mine = random(size, 1000 + id);
            sentByServer.put(id, mine);
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> writeAndShut(s, mine), pool);
            receivedByServer.put(id, Sockets.readAll(s.getInputStream()));
            writing.join();
        })) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            List<Socket> clients = new ArrayList<>();
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            try {
                for (int id = 0; id < 4; id++) {
                    Socket c = Sockets.connect(pub);
                    clients.add(c);
                    byte[] payload = withId(id, random(size, id));
                    CompletableFuture.runAsync(() -> writeAndShut(c, payload), pool);
                    replies.add(CompletableFuture.supplyAsync(() -> readAllUnchecked(c), pool));
                }
                for (int id = 0; id < 4; id++) {
                    byte[] reply = replies.get(id).get(10, TimeUnit.SECONDS);
                    assertArrayEquals(sentByServer.get(id), reply, "server → client bytes, connection " + id);
                    // The reply can be whole before the server's handler has stored what it read: wait for that, not a time.
                    int conn = id;
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> receivedByServer.containsKey(conn));
                    assertArrayEquals(random(size, id), receivedByServer.get(id), "client → server bytes, connection " + id);
                }
            } finally {
                for (Socket c : clients) c.close();
            }
            assertEquals(0, loop.bufferedBytes(), "nothing left in the proxy's buffers");
        }
    }

    @Test
    void halfCloseTheClientShutsItsOutputAndStillReceivesTheServersReply() throws Exception {
        // The server answers only after it saw EOF: a proxy that closed on the client's FIN loses the reply.
        try (TestServer server = new TestServer(0, s -> {
            byte[] got = Sockets.readAll(s.getInputStream());
            s.getOutputStream().write(("after your EOF I got: " + new String(got, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        })) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            proxy.forwardTo(Map.of(pub, server.port()));
            try (Socket c = Sockets.connect(pub)) {
                Sockets.send(c, "ping");
                c.shutdownOutput();
                assertEquals("after your EOF I got: ping", Sockets.readAllText(c));
            }
        }
    }

    @Test
    void boundOnIpv6LoopbackTooWhereTheMachineHasIt() throws Exception {
        Assumptions.assumeTrue(hasIpv6Loopback(), "no IPv6 loopback on this machine");
        try (TestServer server = new TestServer(0, TestServer.echo())) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("svc", List.of(pub));
            assertEquals(Set.of("127.0.0.1:" + pub, "[::1]:" + pub), Set.copyOf(proxy.addresses().stream()
                    .map(a -> (a.getAddress() instanceof Inet6Address ? "[::1]" : "127.0.0.1") + ":" + a.getPort()).toList()));
            proxy.forwardTo(Map.of(pub, server.port()));
            try (Socket c = Sockets.connect("::1", pub)) {
                Sockets.send(c, "over v6");
                c.shutdownOutput();
                assertEquals("over v6", Sockets.readAllText(c));
            }
        }
    }

    @Test
    void aPublicPortInUseIsAnIOExceptionNamingThePort() throws Exception {
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = other.getLocalPort();
            BindException e = assertThrows(BindException.class, () -> loop.open("svc", List.of(port)));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port) && e.getMessage().contains("in use"), e.getMessage());
        }
    }

    @Test
    void aFailedOpenUnbindsThePortsItHadBound() throws Exception {
        int free = Sockets.freePort();
        try (ServerSocket other = new ServerSocket()) {
            other.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            assertThrows(IOException.class, () -> loop.open("svc", List.of(free, other.getLocalPort())));
        }
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), free));   // free again
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] withId(int id, byte[] payload) {
        byte[] b = new byte[payload.length + 1];
        b[0] = (byte) id;
        System.arraycopy(payload, 0, b, 1, payload.length);
        return b;
    }

    static void writeAndShut(Socket s, byte[] data) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(data);
            out.flush();
            s.shutdownOutput();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static byte[] readAllUnchecked(Socket s) {
        try {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
