package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code stopServices}/{@code startServices} with real process trees: what stops, what keeps running, and that the run goes on. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class StopStartTest {
    /** Each service is a shell with a child of its own (a process tree), healthy once it has printed the child's PID. */
    static final String TWO = """
            services {
              db  { command = "sleep 300 & echo db-child=$!; wait", health.log = "db-child=" }
              api { command = "sleep 300 & echo api-child=$!; wait", health.log = "api-child=", depends-on = [db] }
            }
            """;

    @TempDir
    Path dir;

    static boolean stop(Stack s, String... names) throws Exception {
        return s.supervisor().stopServices(List.of(names)).get(20, TimeUnit.SECONDS);
    }

    static boolean start(Stack s, String... names) throws Exception {
        return s.supervisor().startServices(List.of(names)).get(30, TimeUnit.SECONDS);
    }

    static int indexOf(Stack s, String service, ServiceState to) {
        for (int i = 0; i < s.events.size(); i++) {
            StateChange c = s.events.get(i);
            if (c.service().equals(service) && c.to() == to && c.from() != to) return i;
        }
        return -1;
    }

    static int lastIndexOf(Stack s, String service, ServiceState to) {
        for (int i = s.events.size() - 1; i >= 0; i--) {
            StateChange c = s.events.get(i);
            if (c.service().equals(service) && c.to() == to && c.from() != to) return i;
        }
        return -1;
    }

    /** The run has not ended, and does not end for a while: a stopped-on-request service holds it open. */
    static void runGoesOn(Stack s) {
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> !s.ended());
    }

    static ServiceStatus status(Stack s, String name) throws Exception {
        return s.supervisor().status().get(5, TimeUnit.SECONDS).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    /** The failure a refused operation completes with, within a second: callers must never be left waiting. */
    static Throwable refusal(CompletableFuture<Boolean> f) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(1, TimeUnit.SECONDS), "should have been refused");
        return e.getCause();
    }

    @Test
    void stoppingOneServiceEndsItsTreeAndLeavesItsDependentRunning() throws Exception {
        try (Stack s = Stack.start(dir, TWO)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long db = s.pid("db");
            long dbChild = s.printed("db-child").orElseThrow();
            long api = s.pid("api");

            assertTrue(stop(s, "db"));
            assertEquals(ServiceState.STOPPED, s.state("db"));
            assertEquals(ServiceState.STOPPED, status(s, "db").state());
            assertTrue(Fixtures.gone(db) && Fixtures.gone(dbChild), "the whole tree is gone");
            assertEquals(ServiceState.HEALTHY, s.state("api"), "its dependent keeps running");
            assertFalse(Fixtures.gone(api));
            assertTrue(s.flat().contains("db stopping on request"), s.flat());
            runGoesOn(s);

            assertTrue(start(s, "db"));
            assertEquals(ServiceState.HEALTHY, s.state("db"));
            assertNotEquals(db, s.pid("db"));
            assertEquals(api, s.pid("api"), "api was never touched");
        }
    }

    @Test
    void stoppingEverythingKeepsTheRunAndStartingADependentBringsItsDependencyBackFirst() throws Exception {
        try (Stack s = Stack.start(dir, TWO)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long db = s.pid("db");
            long api = s.pid("api");

            assertTrue(stop(s, "db", "api"));
            assertTrue(lastIndexOf(s, "api", ServiceState.STOPPED) < indexOf(s, "db", ServiceState.STOPPING),
                    "the dependent stops first: " + s.events);
            assertTrue(Fixtures.gone(db) && Fixtures.gone(api));
            runGoesOn(s);

            int before = s.events.size();
            assertTrue(start(s, "api"), "api, and db which it needs, are healthy");
            int dbHealthy = lastIndexOf(s, "db", ServiceState.HEALTHY);
            int apiStarting = lastIndexOf(s, "api", ServiceState.STARTING);
            assertTrue(before < dbHealthy && dbHealthy < apiStarting, "db is up before api starts: " + s.events);
            assertEquals(ServiceState.HEALTHY, s.state("api"));
            assertNotEquals(db, s.pid("db"));
            assertNotEquals(api, s.pid("api"));
        }
    }

    @Test
    void aServiceThatEndsByItselfDoesNotEndTheRunWhileAnotherIsStoppedOnRequest() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  task { command = "echo task-ran; sleep 1", restart = no }
                  db { command = "sleep 300", health.command = "true" }
                }
                """)) {
            s.awaitState("db", ServiceState.HEALTHY);
            assertTrue(stop(s, "db"));
            s.awaitState("task", ServiceState.EXITED);
            runGoesOn(s);
            Supervisor.Outcome outcome = s.stop();
            assertTrue(outcome.stopRequested(), "only Ctrl+C or `down` ends it");
        }
    }

    @Test
    void aCrashingServiceStoppedDuringItsBackoffIsNotRestarted() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  crasher { command = "echo crashing; exit 1", restart = always }
                  keep { command = "sleep 300", health.command = "true" }
                }
                """)) {
            s.awaitState("crasher", ServiceState.BACKOFF);
            assertTrue(stop(s, "crasher"));
            assertEquals(ServiceState.STOPPED, s.state("crasher"));
            int events = s.events.size();
            // Its backoff (0.5 s) runs out meanwhile: the timer was cancelled, nothing starts.
            await().during(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
                    .until(() -> s.events.stream().skip(events).noneMatch(c -> c.service().equals("crasher")));
            assertEquals(ServiceState.HEALTHY, s.state("keep"));
        }
    }

    @Test
    void startingARunningServiceLeavesItAlone() throws Exception {
        try (Stack s = Stack.start(dir, TWO)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long db = s.pid("db");
            assertTrue(start(s, "db", "api"));
            assertEquals(db, s.pid("db"));
            assertEquals(1, s.events.stream().filter(c -> c.service().equals("db") && c.to() == ServiceState.HEALTHY).count());
        }
    }

    @Test
    void restartStartsAStoppedService() throws Exception {
        try (Stack s = Stack.start(dir, TWO)) {
            s.awaitState("api", ServiceState.HEALTHY);
            assertTrue(stop(s, "db"));
            long stopped = s.pid("db");
            assertTrue(s.restart(List.of("db"), false, () -> { }));
            assertEquals(ServiceState.HEALTHY, s.state("db"));
            assertNotEquals(stopped, s.pid("db"));
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheNearestOne() throws Exception {
        try (Stack s = Stack.start(dir, TWO)) {
            Throwable e = refusal(s.supervisor().stopServices(List.of("dbb")));
            assertTrue(e instanceof IllegalArgumentException, e.toString());
            assertTrue(e.getMessage().contains("no service 'dbb'") && e.getMessage().contains("did you mean 'db'?"), e.getMessage());
            assertTrue(refusal(s.supervisor().startServices(List.of("web"))) instanceof IllegalArgumentException);
        }
    }

    @Test
    void aStopWhileARestartRunsIsBusyAndAStartWhileAStopRunsToo() throws Exception {
        try (Stack s = Stack.start(dir, """
                services { stubborn {
                  command = "trap '' TERM; echo ignoring SIGTERM; while true; do sleep 1; done"
                  stop-timeout = 2s
                  health.log = "ignoring SIGTERM"
                } }
                """)) {
            s.awaitState("stubborn", ServiceState.HEALTHY);
            CompletableFuture<Boolean> restart = s.supervisor().restart(List.of("stubborn"), false, () -> { });
            s.awaitState("stubborn", ServiceState.STOPPING);
            Throwable busy = refusal(s.supervisor().stopServices(List.of("stubborn")));
            assertTrue(busy instanceof RestartBusy, busy.toString());
            assertEquals("another restart is in progress", busy.getMessage());
            assertTrue(restart.get(20, TimeUnit.SECONDS));

            long pid = s.pid("stubborn");
            CompletableFuture<Boolean> stop = s.supervisor().stopServices(List.of("stubborn"));
            await().atMost(Duration.ofSeconds(5)).until(() -> lastIndexOf(s, "stubborn", ServiceState.STOPPING)
                    > lastIndexOf(s, "stubborn", ServiceState.HEALTHY));
            Throwable busyToo = refusal(s.supervisor().startServices(List.of("stubborn")));
            assertEquals("another stop is in progress", busyToo.getMessage());
            assertTrue(stop.get(20, TimeUnit.SECONDS), "stopped after its stop-timeout, by SIGKILL");
            assertTrue(Fixtures.gone(pid));

            s.supervisor().stop();
            Throwable stopping = refusal(s.supervisor().startServices(List.of("stubborn")));
            assertTrue(stopping instanceof IllegalStateException && stopping.getMessage().startsWith("the supervisor "),
                    stopping.toString());
        }
    }

    @Test
    void startingAServiceInBackoffWaitsUntilItIsHealthyWithoutStartingItTwice() throws Exception {
        Path ok = dir.resolve("ok");
        try (Stack s = Stack.start(dir, """
                services {
                  flaky { command = "test -f '%s' || { echo crashing; exit 1; }; echo up; exec sleep 300", health.log = "up", restart = always }
                  keep { command = "sleep 300", health.command = "true" }
                }
                """.formatted(ok))) {
            s.awaitState("flaky", ServiceState.BACKOFF);
            java.nio.file.Files.writeString(ok, "");
            int before = s.events.size();
            assertTrue(start(s, "flaky"));
            assertEquals(ServiceState.HEALTHY, s.state("flaky"), "start answers once it is healthy: " + s.events);
            assertEquals(1, s.events.stream().skip(before)
                    .filter(c -> c.service().equals("flaky") && c.to() == ServiceState.STARTING && c.from() != ServiceState.STARTING).count(), "started once: " + s.events);
        }
    }

    @Test
    void startingAServiceThatIsStillStoppingStartsItOnceItHasStopped() throws Exception {
        Path ready = dir.resolve("ready");
        try (Stack s = Stack.start(dir, """
                services { slow {
                  command = "trap '' TERM; echo started; while true; do sleep 1; done"
                  health { command = "test -f '%s'", timeout = 1s }
                  stop-timeout = 2s
                } }
                """.formatted(ready))) {
            s.awaitState("slow", ServiceState.STOPPING, Duration.ofSeconds(20));      // its health check gave up
            long stopping = s.pid("slow");
            java.nio.file.Files.writeString(ready, "");
            assertTrue(start(s, "slow"));
            assertEquals(ServiceState.HEALTHY, s.state("slow"), "started once it had stopped: " + s.events);
            assertNotEquals(stopping, s.pid("slow"));
            assertTrue(Fixtures.gone(stopping));
        }
    }

    @Test
    void stoppingAOneShotThatAlreadyExitedSaysSoAndDoesNotHoldTheRun() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  migrate { command = "echo migrated", restart = no }
                  seed { command = "sleep 3", restart = no }
                }
                """)) {
            s.awaitState("migrate", ServiceState.EXITED);
            assertTrue(stop(s, "migrate"));
            assertEquals(ServiceState.EXITED, s.state("migrate"));
            await().atMost(Duration.ofSeconds(5)).until(() -> s.flat().contains("migrate has already exited"));
            Supervisor.Outcome outcome = s.awaitEnd(Duration.ofSeconds(20));
            assertFalse(outcome.stopRequested(), "the run ended by itself once seed was done");
        }
    }
}
