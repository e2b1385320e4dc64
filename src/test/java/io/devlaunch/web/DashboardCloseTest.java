package io.devlaunch.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of the run: the dashboard waits for requests in flight (event streams sending the last
 * transitions), and only for them. On JDK 17 {@code HttpServer.stop(1)} waited its whole second
 * every time (JDK-8304065), so every {@code up} ended a second late.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class DashboardCloseTest {
    @TempDir
    Path dir;

    @Test
    void waitingForNoRequestsReturnsAtOnceWhenIdleAndWhenTheLastOneEnds() throws Exception {
        InFlight f = new InFlight();
        assertTrue(f.awaitNone(60_000), "idle: nothing to wait for (a 60 s wait would trip the test's timeout)");
        f.enter();
        assertFalse(f.awaitNone(20), "one in flight until its deadline");
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return f.awaitNone(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        f.exit();
        assertTrue(waiting.get(), "woken when the last request ends, not at the deadline");
        assertEquals(0, f.count());
    }

    @Test
    void anOpenStreamIsARequestInFlightUntilTheDashboardClosesIt() throws Exception {
        Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }");
        try (SseReader sse = new SseReader(b, null)) {
            sse.awaitEvent(e -> e.type().equals("status"), Duration.ofSeconds(20));
            assertEquals(1, b.dashboard.requestsInFlight());
            b.dashboard.close();
            assertEquals(0, b.dashboard.requestsInFlight(), "close() returned once the stream's request had ended");
        } finally {
            b.close();
        }
        assertEquals(0, b.dashboard.requestsInFlight());
    }

    @Test
    void closingAnIdleDashboardTakesWellUnderTheSecondStopOneTook() throws Exception {
        Board b = Board.start(dir, Fixtures.freePort(), "app { command = \"sleep 60\" }");
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> b.get("/api/status").statusCode() == 200);
            long t0 = System.nanoTime();
            b.dashboard.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Loose on purpose (a loaded machine): stop(1) never took less than 1000 ms here.
            assertTrue(ms < 900, "closing an idle dashboard took " + ms + " ms");
        } finally {
            b.close();
        }
    }
}
