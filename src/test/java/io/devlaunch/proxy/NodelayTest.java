package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A server that writes its headers and its body separately (as the JDK's does) answers through the
 * proxy at once on a kept-alive connection: the proxy's two sockets have TCP_NODELAY, so its
 * second small write does not wait for the client's delayed ACK of the first (~40 ms a request).
 */
class NodelayTest {
    /** The fixture server's own pace between its two writes, not a test waiting for a condition. */
    private static void pause() {
        java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
    }

    @Test
    void keptAliveRequestsThroughTheProxyAreNotDelayedByNagle() throws Exception {
        ProxyLoop loop = ProxyLoop.start();
        try (TestServer server = new TestServer(0, s -> {
            s.setTcpNoDelay(true);   // the server's own Nagle is not the proxy's business
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (!Sockets.readHead(in).isEmpty()) {
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                pause();   // so the proxy reads, and writes, the two parts separately
                out.write("ok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        })) {
            int pub = Sockets.freePort();
            loop.open("svc", List.of(pub)).forwardTo(Map.of(pub, server.port())).get(3, TimeUnit.SECONDS);
            try (Socket c = Sockets.connect(pub)) {
                c.setTcpNoDelay(true);
                long[] nanos = new long[21];
                for (int i = 0; i < nanos.length; i++) {
                    long t0 = System.nanoTime();
                    Sockets.send(c, Sockets.get("/", null));
                    Sockets.readHead(c.getInputStream());
                    c.getInputStream().readNBytes(2);
                    nanos[i] = System.nanoTime() - t0;
                }
                Arrays.sort(nanos);
                long medianMs = nanos[nanos.length / 2] / 1_000_000;
                assertTrue(medianMs < 25, "median " + medianMs + " ms a kept-alive request (Nagle costs ~40)");
            }
        } finally {
            loop.close();
            loop.closed().get(5, TimeUnit.SECONDS);
        }
    }
}
