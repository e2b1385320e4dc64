package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the supervisor's loop owes its callers: answers that leave nothing behind, and never a stall. */
@Timeout(60)
class SupervisorLoopTest {
    static final String ONE = """
            services { api { command = "echo up; exec sleep 300", health.log = "up" } }
            """;

    @TempDir
    Path dir;

    @Test
    void manyStatusCallsLeaveNothingWaitingOnTheRun() throws Exception {
        try (Stack s = Stack.start(dir, ONE)) {
            s.awaitState("api", ServiceState.HEALTHY);
            int before = s.outcome().getNumberOfDependents();
            for (int i = 0; i < 2_000; i++) {
                assertEquals(1, s.supervisor().status().get(5, TimeUnit.SECONDS).size());
            }
            assertTrue(StopStartTest.stop(s, "api"));
            assertTrue(StopStartTest.start(s, "api"));
            assertTrue(s.restart(List.of("api"), false, () -> { }));
            assertEquals(before, s.outcome().getNumberOfDependents(), "a status, stop, start or restart left a callback on the run");
        }
    }

    @Test
    void afterTheRunStatusStillAnswersAndOperationsAreRefusedAtOnce() throws Exception {
        try (Stack s = Stack.start(dir, ONE)) {
            s.awaitState("api", ServiceState.HEALTHY);
            s.stop();
            List<ServiceStatus> last = s.supervisor().status().get(1, TimeUnit.SECONDS);
            assertEquals(ServiceState.STOPPED, last.get(0).state());
            for (CompletableFuture<Boolean> f : List.of(s.supervisor().restart(List.of("api"), false, () -> { }),
                    s.supervisor().startServices(List.of("api")), s.supervisor().stopServices(List.of("api")))) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS));
                assertEquals("the supervisor has stopped", e.getCause().getMessage());
            }
        }
    }

    @Test
    void aSlowStepBetweenStopAndStartDoesNotStopTheLoop() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  api   { command = "echo up; exec sleep 300", health.log = "up" }
                  other { command = "echo up; exec sleep 300", health.log = "up" }
                }
                """)) {
            s.awaitState("api", ServiceState.HEALTHY);
            s.awaitState("other", ServiceState.HEALTHY);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Boolean> restart = s.supervisor().restart(List.of("api"), false, () -> {
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);      // deleting a big node_modules
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertTrue(entered.await(20, TimeUnit.SECONDS), "the step between ran");
                List<ServiceStatus> meanwhile = s.supervisor().status().get(2, TimeUnit.SECONDS);
                assertEquals(ServiceState.STOPPED, meanwhile.get(0).state(), "api waits for the step, stopped");
                assertEquals(ServiceState.HEALTHY, meanwhile.get(1).state());
                Throwable busy = StopStartTest.refusal(s.supervisor().stopServices(List.of("other")));
                assertEquals("another restart is in progress", busy.getMessage(), "the loop answers a second operation too");
                assertFalse(restart.isDone(), "the restart waits for its step");
            } catch (ExecutionException e) {
                throw new AssertionError("refused meanwhile", e);
            } finally {
                release.countDown();
            }
            assertTrue(restart.get(20, TimeUnit.SECONDS));
            assertEquals(ServiceState.HEALTHY, s.state("api"));
        }
    }
}
