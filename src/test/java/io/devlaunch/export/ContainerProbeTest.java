package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.sun.net.httpserver.HttpServer;
import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.testing.Tools;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The shell lines a Compose healthcheck and a systemd readiness wait run, run here against real sockets. */
@EnabledOnOs(OS.LINUX)
class ContainerProbeTest {
    private static int sh(ContainerProbe probe) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", probe.shellLine()).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("still running: " + probe.shellLine());
        }
        return p.exitValue();
    }

    private static ContainerProbe probe(HealthSpec.Kind kind, String target, int expect) {
        return ContainerProbe.of(new HealthSpec(kind, target, null, Duration.ofSeconds(5), expect, false)).orElseThrow();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void tcpPassesOnAListeningPortAndFailsOnAClosedOne() throws Exception {
        Tools.need("bash", "bash");
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertEquals(0, sh(probe(HealthSpec.Kind.TCP, "127.0.0.1:" + open.getLocalPort(), 0)));
        }
        assertNotEquals(0, sh(probe(HealthSpec.Kind.TCP, "127.0.0.1:" + freePort(), 0)));
    }

    @Test
    void httpPassesOn2xxFailsOn5xxAndComparesAnExpectedStatus() throws Exception {
        Tools.need("curl", "curl");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (var route : List.of(List.of("/ok", 200), List.of("/broken", 500), List.of("/auth", 401))) {
            int status = (Integer) route.get(1);
            server.createContext((String) route.get(0), ex -> {
                ex.sendResponseHeaders(status, -1);
                ex.close();
            });
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(0, sh(probe(HealthSpec.Kind.HTTP, base + "/ok", 0)));
            assertNotEquals(0, sh(probe(HealthSpec.Kind.HTTP, base + "/broken", 0)));
            assertEquals(0, sh(probe(HealthSpec.Kind.HTTP, base + "/auth", 401)));
            assertNotEquals(0, sh(probe(HealthSpec.Kind.HTTP, base + "/ok", 401)));
        } finally {
            server.stop(0);
        }
    }
}
