package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A service that listens on ::1 only — what Node 17+ does with "localhost", so Vite and many dev
 * servers — is reached through the proxy: 127.0.0.1 refuses, the proxy tries ::1.
 */
class Ipv6OnlyServiceTest extends LoopTest {
    @Test
    void aServiceBoundToTheIpv6LoopbackOnlyIsForwardedTo() throws Exception {
        assumeTrue(Loopback.HAS_IPV6, "this machine has no ::1");
        try (ServerSocket v6only = new ServerSocket()) {
            v6only.bind(new InetSocketAddress(Loopback.IPV6, 0));
            Thread server = new Thread(() -> {
                while (!v6only.isClosed()) {
                    try (Socket s = v6only.accept()) {
                        int b = s.getInputStream().read();
                        s.getOutputStream().write(b + 1);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "v6-only-server");
            server.setDaemon(true);
            server.start();
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("vite", List.of(pub));
            proxy.forwardTo(Map.of(pub, v6only.getLocalPort())).get(3, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {   // the first finds ::1 after a refusal; later ones go there first
                try (Socket c = Sockets.connect(pub)) {
                    c.getOutputStream().write(40 + i);
                    assertEquals(41 + i, c.getInputStream().read());
                }
            }
        }
    }
}
