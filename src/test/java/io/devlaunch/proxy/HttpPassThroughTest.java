package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading HTTP/1.x framing changes no byte: pipelined requests, HEAD, chunked answers,
 * 100-continue and a 200 MB upload pass through the proxy exactly as they would directly, on one
 * kept-alive connection, and the connection is between exchanges (movable) afterwards.
 */
class HttpPassThroughTest {
    private static final int UPLOAD = 200 * 1024 * 1024;

    private ProxyLoop loop;
    private HttpServer server;
    private int pub;
    private PortProxy proxy;

    @BeforeEach
    void start() throws Exception {
        loop = ProxyLoop.start();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            if (path.equals("/chunked")) {
                ex.sendResponseHeaders(200, 0);   // 0: chunked, in several writes
                for (int i = 0; i < 5; i++) ex.getResponseBody().write(("part " + i + "\n").getBytes());
            } else if (path.equals("/sha")) {
                ex.sendResponseHeaders(200, 64);
                ex.getResponseBody().write(sha256(ex.getRequestBody()).getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] body = ("path " + path).getBytes();
                ex.sendResponseHeaders(200, ex.getRequestMethod().equals("HEAD") ? -1 : body.length);
                if (!ex.getRequestMethod().equals("HEAD")) ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        pub = Sockets.freePort();
        proxy = loop.open("api", List.of(pub));
        proxy.forwardTo(Map.of(pub, server.getAddress().getPort())).get(3, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        loop.close();
        loop.closed().get(5, TimeUnit.SECONDS);
    }

    @Test
    void pipelinedHeadAndChunkedAnswersArriveWholeAndInOrder() throws Exception {
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, "GET /a HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nHost: x\r\n\r\nGET /chunked HTTP/1.1\r\nHost: x\r\n\r\n");
            InputStream in = c.getInputStream();
            String a = Sockets.readHead(in);
            assertTrue(a.startsWith("HTTP/1.1 200"), a);
            assertEquals("path /a", new String(in.readNBytes(7)));
            String b = Sockets.readHead(in);
            assertTrue(b.startsWith("HTTP/1.1 200"), b);   // a HEAD answer: a head, no body, whatever its headers say
            String chunked = Sockets.readHead(in);
            assertTrue(chunked.toLowerCase().contains("transfer-encoding: chunked"), chunked);
            StringBuilder body = new StringBuilder();
            while (true) {
                int size = Integer.parseInt(readLine(in), 16);
                if (size == 0) {
                    assertEquals("", readLine(in));
                    break;
                }
                body.append(new String(in.readNBytes(size)));
                assertEquals("", readLine(in));
            }
            assertEquals("part 0\npart 1\npart 2\npart 3\npart 4\n", body.toString());
            // One more exchange on the same connection: nothing was lost or left over.
            Sockets.send(c, "GET /after HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(Sockets.readHead(in).startsWith("HTTP/1.1 200"));
            assertEquals("path /after", new String(in.readNBytes(11)));
        }
    }

    @Test
    void aHundredContinueThenTheBodyThenTheAnswer() throws Exception {
        try (Socket c = Sockets.connect(pub)) {
            Sockets.send(c, "POST /sha HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            String interim = Sockets.readHead(c.getInputStream());
            assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
            Sockets.send(c, "hello");
            assertTrue(Sockets.readHead(c.getInputStream()).startsWith("HTTP/1.1 200"));
            assertEquals(sha256(new java.io.ByteArrayInputStream("hello".getBytes())), new String(c.getInputStream().readNBytes(64)));
        }
    }

    @Test
    void a200MegabyteUploadArrivesByteForByte() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pub + "/sha"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(Pattern::new)).build();
        HttpResponse<String> r = client.send(post, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(sha256(new Pattern()), r.body());
        proxy.drained().get(3, TimeUnit.SECONDS);   // answered: the kept-alive connection is not waited for
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while ((ch = in.read()) >= 0 && ch != '\n') if (ch != '\r') sb.append((char) ch);
        return sb.toString();
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 200 MB of a pattern that differs at every offset modulo 251, generated, never held in memory. */
    private static final class Pattern extends InputStream {
        private long pos;

        @Override
        public int read() {
            return pos < UPLOAD ? (int) (pos++ % 251) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= UPLOAD) return -1;
            int n = (int) Math.min(len, UPLOAD - pos);
            for (int i = 0; i < n; i++) b[off + i] = (byte) ((pos + i) % 251);
            pos += n;
            return n;
        }
    }
}
