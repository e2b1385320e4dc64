package io.devlaunch.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessProberTest {
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A TCP check that counts its real probes. */
    private static final class CountingCheck implements HealthCheck {
        final TcpCheck tcp;
        final AtomicInteger probes = new AtomicInteger();

        CountingCheck(int port) {
            tcp = new TcpCheck("127.0.0.1", port);
        }

        @Override
        public ProbeResult probe() {
            probes.incrementAndGet();
            return tcp.probe();
        }

        @Override
        public String describe() {
            return tcp.describe();
        }

        @Override
        public long maxProbeDelayMs() {
            return 3_600_000;
        }

        @Override
        public java.util.Optional<ListenProbe> listenProbe() {
            return tcp.listenProbe();
        }
    }

    @Test
    void aSilentServerIsProbedTheMomentItsPortOpensNotAtTheNextScheduledProbe() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        CountingCheck check = new CountingCheck(port);
        AtomicReference<ProbeResult> ready = new AtomicReference<>();
        ReadinessProber prober = new ReadinessProber(check, executor, ready::set);
        prober.start();
        // 12 probes: delays 10, 16, 25 … ms growing by half, capped at 1 s while the port is closed:
        // the 13th is 1 s after the 12th
        await().atMost(Duration.ofSeconds(20)).until(() -> check.probes.get() >= 12);
        int before = check.probes.get();
        try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
            long bound = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).until(() -> ready.get() != null);
            long tookMs = (System.nanoTime() - bound) / 1_000_000;
            assertTrue(ready.get().ready());
            assertEquals(before + 1, check.probes.get(), "one real probe, the one the open port triggered");
            assertTrue(tookMs < 600, "found " + tookMs + " ms after the bind, where the next scheduled probe was ~1 s away");
        }
    }

    @Test
    void whilePortIsClosedTheRealCheckFollowsItsScheduleNotEveryTick() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        CountingCheck check = new CountingCheck(port);
        ReadinessProber prober = new ReadinessProber(check, executor, r -> { });
        prober.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> check.probes.get() >= 8);    // ~0.5 s of the schedule
        prober.stop();
        int probes = check.probes.get();
        assertTrue(probes <= 9, probes + " real probes: the 2 ms ticks must not each run the check");
        assertTrue(prober.last().detail().contains("refused"), prober.last().detail());
    }
}
