package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restarts that meet a stop, or each other, through the supervisor's public API: what the caller is
 * told (the control socket passes it on to `devlaunch restart`) and that nothing starts that should not.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class RestartRacesTest {
    /**
     * Ignores SIGTERM, so its stop lasts the whole stop-timeout: a stop that a test can reliably act during.
     * Healthy once it says the trap is set (a SIGTERM before that would end it at once). The other services
     * here are healthy at the first probe of `true`, not after the 1 s settle time of one without a check.
     */
    private static final String STUBBORN = """
            services { stubborn {
              command = "trap '' TERM; echo ignoring SIGTERM; while true; do sleep 1; done"
              stop-timeout = 2s
              health.log = "ignoring SIGTERM"
            } }
            """;

    @TempDir
    Path dir;

    private static long spawns(Stack s, String service) {
        return s.events.stream().filter(c -> c.service().equals(service) && c.from() == ServiceState.STARTING
                && c.to() == ServiceState.STARTING).count();
    }

    /** The failure a refused restart completes with, within a second: callers must never be left waiting. */
    private static Throwable refusal(CompletableFuture<Boolean> restart) {
        Throwable e = StopStartTest.refusal(restart);
        assertTrue(e instanceof IllegalStateException, e.toString());
        return e;
    }

    @Test
    void aRestartAskedForWhileTheSupervisorStopsIsRefusedAndStartsNothing() throws Exception {
        try (Stack s = Stack.start(dir, STUBBORN)) {
            s.awaitState("stubborn", ServiceState.HEALTHY);
            long pid = s.pid("stubborn");
            s.supervisor().stop();
            s.awaitState("stubborn", ServiceState.STOPPING);

            AtomicBoolean reset = new AtomicBoolean();
            CompletableFuture<Boolean> restart = s.supervisor().restart(List.of("stubborn"), false, () -> reset.set(true));
            assertTrue(refusal(restart).getMessage().startsWith("the supervisor is stopping (a `devlaunch down` or Ctrl+C is under way)"));

            Supervisor.Outcome outcome = s.awaitEnd(Duration.ofSeconds(20));
            assertTrue(outcome.stopRequested());
            assertEquals(ServiceState.STOPPED, s.state("stubborn"));
            assertFalse(reset.get(), "the restart's reset step never ran");
            assertEquals(1, spawns(s, "stubborn"), "nothing started again: " + s.events);
            assertTrue(Fixtures.gone(pid));
        }
    }

    @Test
    void aStopDuringARestartEndsTheRestartAtOnceAndNothingStartsAgain() throws Exception {
        try (Stack s = Stack.start(dir, STUBBORN)) {
            s.awaitState("stubborn", ServiceState.HEALTHY);
            long pid = s.pid("stubborn");
            AtomicBoolean reset = new AtomicBoolean();
            CompletableFuture<Boolean> restart = s.supervisor().restart(List.of("stubborn"), false, () -> reset.set(true));
            s.awaitState("stubborn", ServiceState.STOPPING);      // the restart's stop: SIGTERM ignored, 2 s to go
            s.supervisor().stop();

            Throwable why = refusal(restart);
            assertTrue(why.getMessage().startsWith("the supervisor is stopping"),
                    "the caller learns the run is ending — not that a service failed to come back");
            assertEquals(ServiceState.STOPPING, s.state("stubborn"), "answered before the stop-timeout ran out");

            Supervisor.Outcome outcome = s.awaitEnd(Duration.ofSeconds(20));
            assertTrue(outcome.stopRequested());
            assertEquals(ServiceState.STOPPED, s.state("stubborn"));
            assertFalse(reset.get(), "the restart never reached its start half");
            assertEquals(1, spawns(s, "stubborn"), "nothing started again: " + s.events);
            assertTrue(Fixtures.gone(pid));
        }
    }

    @Test
    void aRestartAskedForAfterTheRunEndedIsRefusedAtOnce() throws Exception {
        try (Stack s = Stack.start(dir, "services { once { command = \"sleep 30\", health.command = \"true\" } }")) {
            s.awaitState("once", ServiceState.HEALTHY);
            s.stop();
            CompletableFuture<Boolean> restart = s.supervisor().restart(List.of(), false, () -> { });
            assertEquals("the supervisor has stopped", refusal(restart).getMessage());
            assertEquals(1, spawns(s, "once"), s.events.toString());
        }
    }

    @Test
    void twoRestartsOfOneServiceAtOnceRestartItOnceAndTheSecondIsToldWhy() throws Exception {
        try (Stack s = Stack.start(dir, "services { api { command = \"sleep 60\", health.command = \"true\" } }")) {
            s.awaitState("api", ServiceState.HEALTHY);
            long pid = s.pid("api");
            CompletableFuture<Boolean> first = s.supervisor().restart(List.of("api"), false, () -> { });
            CompletableFuture<Boolean> second = s.supervisor().restart(List.of("api"), false, () -> { });

            assertEquals("another restart is in progress", refusal(second).getMessage());
            assertTrue(first.get(20, TimeUnit.SECONDS), "the first restart completes");
            assertEquals(ServiceState.HEALTHY, s.state("api"));
            assertNotEquals(pid, s.pid("api"));
            assertTrue(Fixtures.gone(pid));
            assertEquals(2, spawns(s, "api"), "restarted exactly once: " + s.events);
        }
    }

    @Test
    void twoRestartsOfDifferentServicesAtOnceRunTheFirstAndTheSecondMayBeRetriedAfterIt() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  a { command = "sleep 60", health.command = "true" }
                  b { command = "sleep 60", health.command = "true" }
                }
                """)) {
            s.awaitState("a", ServiceState.HEALTHY);
            s.awaitState("b", ServiceState.HEALTHY);
            long a = s.pid("a");
            long b = s.pid("b");
            CompletableFuture<Boolean> first = s.supervisor().restart(List.of("a"), false, () -> { });
            CompletableFuture<Boolean> second = s.supervisor().restart(List.of("b"), false, () -> { });

            assertEquals("another restart is in progress", refusal(second).getMessage());
            assertTrue(first.get(20, TimeUnit.SECONDS));
            assertEquals(ServiceState.HEALTHY, s.state("a"));
            assertEquals(ServiceState.HEALTHY, s.state("b"));
            assertNotEquals(a, s.pid("a"));
            assertEquals(b, s.pid("b"), "the refused restart touched nothing");

            assertTrue(s.restart(List.of("b"), false, () -> { }), "once the first is done, the second goes through");
            assertNotEquals(b, s.pid("b"));
            assertEquals(ServiceState.HEALTHY, s.state("a"));
            assertEquals(ServiceState.HEALTHY, s.state("b"));
        }
    }
}
