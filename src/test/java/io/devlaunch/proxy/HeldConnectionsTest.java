package io.devlaunch.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** 1,000 idle held connections cost one thread in all, and close() leaves nothing behind. */
class HeldConnectionsTest {
    private static final int N = 1000;

    @Test
    @EnabledOnOs(OS.LINUX)   // counts descriptors in /proc/self/fd
    void aThousandHeldConnectionsAddExactlyOneThreadAndNothingLeaksAfterClose() throws Exception {
        Set<Long> before = threadIds();
        int fdsBefore = openFds();
        int pub = Sockets.freePort();
        ProxyLoop loop = ProxyLoop.start();
        List<Socket> clients = new ArrayList<>();
        try {
            PortProxy proxy = loop.open("backend", List.of(pub));
            proxy.hold(Duration.ofSeconds(30));
            for (int i = 0; i < N; i++) clients.add(Sockets.connect(pub));
            // Polled in this thread: Awaitility's own poller thread would be counted.
            await("all held").pollInSameThread().atMost(Duration.ofSeconds(4)).until(() -> proxy.heldCount() == N);
            List<String> added = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t.getId())).map(Thread::getName).toList();
            assertEquals(List.of("devlaunch-proxy"), added, "threads the proxy added for " + N + " held connections");

            loop.close();
            loop.closed().get(5, TimeUnit.SECONDS);
            await("the proxy thread ended").pollInSameThread().atMost(Duration.ofSeconds(3)).until(() -> Thread.getAllStackTraces()
                    .keySet().stream().noneMatch(t -> !before.contains(t.getId()) && t.getName().equals("devlaunch-proxy")));
            for (Socket c : clients) assertClosedByProxy(c);
            try (ServerSocket again = new ServerSocket()) {
                again.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), pub));   // unbound
            }
        } finally {
            for (Socket c : clients) c.close();
            loop.close();
        }
        int fdsAfter = openFds();
        // The 2,000 descriptors (clients and held) are gone; a few may be the JDK's own, opened lazily.
        assertTrue(fdsAfter - fdsBefore < 10, "descriptors before " + fdsBefore + ", after " + fdsAfter);
    }

    private static void assertClosedByProxy(Socket c) throws IOException {
        try {
            assertEquals(-1, c.getInputStream().read());
        } catch (SocketException reset) {
            // a reset is a close too
        }
    }

    private static Set<Long> threadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    private static int openFds() {
        return Objects.requireNonNull(new File("/proc/self/fd").list()).length;
    }
}
