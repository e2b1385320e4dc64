package io.devlaunch.health;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Probes on a shared {@link ProbeThreads}: a stuck one costs a worker, never another probe's turn. */
@Timeout(30)
class ProbeThreadsTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private ProbeThreads threads = new ProbeThreads();

    @AfterEach
    void end() {
        release.countDown();
        threads.shutdownNow();
    }

    /** A check that hangs until the test ends (as a server that accepts and never answers would, up to its budget). */
    private final class StuckCheck implements HealthCheck {
        final AtomicInteger probes = new AtomicInteger();

        @Override
        public ProbeResult probe() {
            probes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ProbeResult.notReady("stuck");
        }

        @Override
        public String describe() {
            return "stuck";
        }
    }

    /** Ready on its {@code n}th probe. */
    private static HealthCheck readyOnProbe(int n) {
        AtomicInteger probes = new AtomicInteger();
        return new HealthCheck() {
            @Override
            public ProbeResult probe() {
                return probes.incrementAndGet() >= n ? ProbeResult.ready("ok") : ProbeResult.notReady("not yet");
            }

            @Override
            public String describe() {
                return "ready on probe " + n;
            }
        };
    }

    @Test
    void aProberIsReadyOnScheduleWhileOthersProbesHang() {
        StuckCheck stuck1 = new StuckCheck();
        StuckCheck stuck2 = new StuckCheck();
        StuckCheck stuck3 = new StuckCheck();
        for (StuckCheck s : new StuckCheck[] {stuck1, stuck2, stuck3}) new ReadinessProber(s, threads, r -> { }).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck1.probes.get() + stuck2.probes.get() + stuck3.probes.get() == 3);

        // Its 1st probe at once, then 10, 16, 25 ms later: a handful of ms of schedule, where the old
        // two shared threads would have kept it waiting until a stuck probe gave one back.
        AtomicLong readyAt = new AtomicLong();
        long start = System.nanoTime();
        new ReadinessProber(readyOnProbe(4), threads, r -> readyAt.set(System.nanoTime())).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> readyAt.get() != 0);
        long ms = (readyAt.get() - start) / 1_000_000;
        assertTrue(ms < 1000, "ready after " + ms + " ms beside three hung probes");
        assertEquals(1, stuck1.probes.get(), "a prober has one probe in flight at a time");
    }

    @Test
    void pastTheBoundAProbeWaitsForTheFirstWorkerFreeAndIsNotLost() throws Exception {
        threads.shutdownNow();
        threads = new ProbeThreads(2);
        CountDownLatch bothStuck = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            threads.execute(() -> {
                bothStuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertTrue(bothStuck.await(5, TimeUnit.SECONDS));
        AtomicBoolean third = new AtomicBoolean();
        threads.execute(() -> third.set(true));
        assertFalse(third.get());
        assertEquals(2, threads.workers(), "no worker past the bound");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).untilTrue(third);
    }

    @Test
    void aQuietPoolReusesItsIdleWorkerRatherThanStartingOnePerProbe() throws Exception {
        for (int i = 0; i < 50; i++) {
            CountDownLatch done = new CountDownLatch(1);
            threads.execute(done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS));
            // "Never overlapped" means the last worker is back and idle before the next probe comes; a
            // probe that comes sooner rightly gets a worker of its own (on a loaded machine, often).
            await().atMost(Duration.ofSeconds(5)).until(() -> threads.busy() == 0);
        }
        assertEquals(1, threads.workers(), threads.workers() + " workers for 50 probes that never overlapped");
    }

    @Test
    void afterShutdownProbesAreDroppedNotThrownAtTheCaller() {
        threads.shutdownNow();
        AtomicReference<Thread> ran = new AtomicReference<>();
        threads.execute(() -> ran.set(Thread.currentThread()));
        new ReadinessProber(readyOnProbe(1), threads, r -> { }).start();
        assertEquals(null, ran.get());
    }
}
