package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's timing decisions — backoff left to wait, crashes inside the restart window —
 * read the injected clock, not the wall: moved by the test, a minute passes in no time.
 */
@Timeout(60)
class FakeClockTest {
    private static final String CRASHER = """
            services { crasher { command = "echo starting; exit 3", max-restarts = 2, restart-window = 60s } }
            """;

    @TempDir
    Path dir;

    @Test
    void crashesAMinuteApartNeverAddUpToFailedAndTheirBackoffHasAlreadyPassed() throws Exception {
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        // Each crash: 61 s go by before devlaunch looks at the clock again — past the window, past any backoff.
        try (Stack s = Stack.start(dir, CRASHER, now::get, c -> {
            if (c.to() == ServiceState.BACKOFF) now.addAndGet(Duration.ofSeconds(61).toNanos());
        })) {
            long t0 = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> spawns(s) >= 7);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertTrue(s.events.stream().noneMatch(c -> c.to() == ServiceState.FAILED), s.flat());
            // On the wall clock the backoffs alone (0.5+1+2+4+8+10 s) would take 25 s.
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "took " + took);
            assertTrue(s.flat().contains("restarting in 8.00s (crash 1; gives up after 2 within 60s)"), s.flat());
        }
    }

    @Test
    void onAStillClockTheSameCrashesFailAfterMaxRestarts() throws Exception {
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        // The clock moves only by the backoff each time, so the crashes fall inside one window.
        try (Stack s = Stack.start(dir, CRASHER, now::get, c -> {
            if (c.to() == ServiceState.BACKOFF) now.addAndGet(Duration.ofSeconds(1).toNanos());
        })) {
            s.awaitState("crasher", ServiceState.FAILED, Duration.ofSeconds(30));
            assertEquals(3, spawns(s), s.flat());
            assertTrue(s.flat().contains("crashed 3 times within 60s, not restarting again"), s.flat());
        }
    }

    private static long spawns(Stack s) {
        return s.events.stream().filter(c -> c.detail().startsWith("spawned PID")).count();
    }
}
