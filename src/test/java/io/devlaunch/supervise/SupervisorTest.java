package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor with real children, real ports and real signals. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class SupervisorTest {
    @TempDir
    Path dir;

    private static int indexOf(Stack s, String service, ServiceState to) {
        for (int i = 0; i < s.events.size(); i++) {
            StateChange c = s.events.get(i);
            if (c.service().equals(service) && c.to() == to && c.from() != to) return i;
        }
        return -1;
    }

    private static int spawnIndex(Stack s, String service) {
        for (int i = 0; i < s.events.size(); i++) {
            StateChange c = s.events.get(i);
            if (c.service().equals(service) && c.from() == ServiceState.STARTING && c.to() == ServiceState.STARTING) return i;
        }
        return -1;
    }

    @Test
    void aDependentStartsOnlyAfterItsDependencyIsHealthy() throws Exception {
        int api = Fixtures.freePort();
        int web = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  web { command = %s, port = %d, depends-on = [api] }
                  api { command = %s, port = %d, health.http = "http://127.0.0.1:%d/health" }
                  solo { command = "echo solo-ran; sleep 30" }
                }
                """.formatted(javaCommand(HttpFixture.class, web), web, javaCommand(HttpFixture.class, api, 300), api, api))) {
            s.awaitState("web", ServiceState.HEALTHY);
            int apiHealthy = indexOf(s, "api", ServiceState.HEALTHY);
            int webSpawned = spawnIndex(s, "web");
            assertTrue(apiHealthy >= 0 && webSpawned > apiHealthy, "web spawned at " + webSpawned + ", api healthy at "
                    + apiHealthy + ": " + s.events);
            assertTrue(spawnIndex(s, "solo") < apiHealthy, "independent services start together: " + s.events);
            String console = s.flat();
            assertTrue(console.contains("api | listening on " + api), console);
            assertTrue(console.matches("(?s).*devlaunch \\| api healthy in \\d+\\.\\d\\ds \\(GET http://127\\.0\\.0\\.1:" + api
                    + "/health → 200; PID \\d+\\).*"), console);
        }
    }

    @Test
    void everyHealthCheckKindPasses() throws Exception {
        int http = Fixtures.freePort();
        int tcp = Fixtures.freePort();
        int localhost = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  http { command = %s, health.http = "http://127.0.0.1:%d/" }
                  tcp { command = %s, health.tcp = "127.0.0.1:%d" }
                  ipv6 { command = %s, health.tcp = "localhost:%d" }
                  log { command = "echo starting; sleep 0.2; echo 'server ready in 12 ms'; sleep 30", health.log = "ready in \\\\d+ ms" }
                  cmd { command = "sleep 30", health.command = "test -f marker" }
                }
                """.formatted(javaCommand(HttpFixture.class, http), http, javaCommand(HttpFixture.class, tcp), tcp,
                javaCommand(HttpFixture.class, localhost, 0, 200, "::1"), localhost))) {
            for (String svc : List.of("http", "tcp", "ipv6", "log")) s.awaitState(svc, ServiceState.HEALTHY);
            assertEquals(ServiceState.STARTING, s.state("cmd"));
            Files.createFile(dir.resolve("marker"));
            s.awaitState("cmd", ServiceState.HEALTHY);
            String console = s.flat();
            assertTrue(console.contains("log line matched: server ready in 12 ms"), console);
            assertTrue(console.contains("TCP [::1]:" + localhost + " accepts connections"), "localhost tries ::1 too\n" + console);
            assertTrue(console.contains("`test -f marker` exited 0"), console);
        }
    }

    @Test
    void aHealthCheckThatNeverPassesTimesOutWithTheReason() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  api {
                    command = "echo booting; sleep 30"
                    health { http = "http://127.0.0.1:%d/health", timeout = 1500ms }
                  }
                }
                """.formatted(port))) {
            s.awaitState("api", ServiceState.FAILED);
            String console = s.flat();
            assertTrue(console.matches("(?s).*api not healthy after 1\\.\\d\\ds.*"), console);
            assertTrue(console.contains("GET http://127.0.0.1:" + port + "/health never passed; last attempt: GET http://127.0.0.1:"
                    + port + "/health: connection refused"), console);
            assertTrue(console.contains("│ booting"), "the last output is shown\n" + console);
            assertTrue(Fixtures.gone(s.pid("api")), "the process was stopped");
        }
    }

    @Test
    void anHttp500IsReportedWithTheFirstLineOfTheBody() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services { api { command = %s, health { http = "http://127.0.0.1:%d/health", timeout = 2s } } }
                """.formatted(javaCommand(HttpFixture.class, port, 0, 500), port))) {
            s.awaitState("api", ServiceState.FAILED);
            assertTrue(s.flat().contains("→ 500: Internal failure: database is locked (expected 2xx)"), s.console());
        }
    }

    @Test
    void aCrashLoopBacksOffThenFailsWhileItsSiblingKeepsRunning() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  crasher { command = "echo 'Error: cannot import name app'; exit 3", max-restarts = 3 }
                  steady { command = "sleep 60" }
                }
                """)) {
            s.awaitState("steady", ServiceState.HEALTHY);
            long steadyPid = s.pid("steady");
            s.awaitState("crasher", ServiceState.FAILED, Duration.ofSeconds(20));
            String console = s.flat();
            for (String delay : List.of("0.50s", "1.00s", "2.00s")) {
                assertTrue(console.contains("exited with code 3 after") && console.contains("restarting in " + delay), delay + "\n" + console);
            }
            assertTrue(console.contains("crasher FAILED: exited with code 3"), console);
            assertTrue(console.contains("crashed 4 times within 60s, not restarting again"), console);
            assertTrue(console.contains("│ Error: cannot import name app"), console);
            assertEquals(ServiceState.HEALTHY, s.state("steady"));
            assertEquals(steadyPid, s.pid("steady"), "the sibling was not restarted");
            assertTrue(ProcessHandle.of(steadyPid).map(ProcessHandle::isAlive).orElse(false));
        }
    }

    @Test
    void aChildIgnoringSigtermIsKilledAfterStopTimeout() throws Exception {
        try (Stack s = Stack.start(dir, """
                services { stubborn { command = "trap '' TERM; echo pid=$$; while true; do sleep 1; done", stop-timeout = 1s } }
                """)) {
            s.awaitState("stubborn", ServiceState.HEALTHY);
            long pid = s.pid("stubborn");
            Supervisor.Outcome outcome = s.stop();
            assertTrue(outcome.stopRequested());
            assertTrue(s.flat().contains("did not stop within 1s of SIGTERM — sending SIGKILL"), s.console());
            assertTrue(Fixtures.gone(pid));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void grandchildrenDoNotSurviveAStopEvenAfterSetsid() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  plain { command = "sleep 300 & echo grandchild=$!; wait" }
                  escaper { command = "setsid sleep 300 & echo escaped=$!; wait" }
                }
                """)) {
            s.awaitState("plain", ServiceState.HEALTHY);
            s.awaitState("escaper", ServiceState.HEALTHY);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.printed("grandchild").isPresent() && s.printed("escaped").isPresent());
            long grandchild = s.printed("grandchild").orElseThrow();
            long escaped = s.printed("escaped").orElseThrow();
            assertFalse(Fixtures.gone(grandchild));
            assertFalse(Fixtures.gone(escaped));
            s.stop();
            assertTrue(Fixtures.gone(grandchild), "grandchild " + grandchild + " survived");
            assertTrue(Fixtures.gone(escaped), "setsid grandchild " + escaped + " survived");
            assertTrue(Fixtures.gone(s.pid("plain")) && Fixtures.gone(s.pid("escaper")));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void anExitIsSeenAtOnceEvenWhileAGrandchildHoldsThePipe() throws Exception {
        try (Stack s = Stack.start(dir, """
                services { leaver { command = "sleep 300 & echo orphan=$!; sleep 0.3; exit 7", restart = no } }
                """)) {
            s.awaitState("leaver", ServiceState.EXITED, Duration.ofSeconds(5));
            long orphan = s.printed("orphan").orElseThrow();
            assertTrue(s.flat().contains("leaver exited with code 7"), s.console());
            await().atMost(Duration.ofSeconds(5)).until(() -> Fixtures.gone(orphan));
        }
    }

    @Test
    void oneShotServicesEndTheRunWithTheirOutcome() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  ok { command = "echo done", restart = no }
                  bad { command = "exit 4", restart = no }
                }
                """)) {
            Supervisor.Outcome outcome = s.awaitEnd(Duration.ofSeconds(20));
            assertFalse(outcome.stopRequested());
            assertFalse(outcome.allExitedCleanly());
            assertEquals(ServiceState.EXITED, s.state("ok"));
            assertEquals(ServiceState.EXITED, s.state("bad"));
        }
    }

    @Test
    void aFailedDependencyLeavesItsDependentsUnstarted() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  db { command = "exit 1", restart = no }
                  api { command = "sleep 30", depends-on = [db] }
                }
                """)) {
            s.awaitEnd(Duration.ofSeconds(20));
            assertEquals(ServiceState.STOPPED, s.state("api"));
            assertEquals(-1, s.pid("api"), "never spawned");
            assertTrue(s.flat().contains("api not started: it depends on db, which is not running"), s.console());
        }
    }

    @Test
    void beforeStartRunsFirstAndItsFailureIsExplained() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  migrated { command = "cat migrated.txt; sleep 30", before-start = ["echo schema-v2 > migrated.txt"] }
                  broken { command = "sleep 30", before-start = [["sh", "-c", "echo 'migration 0042 failed'; exit 2"]] }
                }
                """)) {
            s.awaitState("migrated", ServiceState.HEALTHY);
            s.awaitState("broken", ServiceState.FAILED);
            String console = s.flat();
            assertTrue(console.contains("migrated | schema-v2"), console);
            assertTrue(console.contains("broken | migration 0042 failed"), console);
            assertTrue(console.contains("broken FAILED: before-start `sh -c") && console.contains("exited with code 2; the service was not started"),
                    console);
            assertEquals(-1, s.pid("broken"));
        }
    }

    @Test
    void aMissingProgramFailsAtOnceWithAClearMessage() throws Exception {
        try (Stack s = Stack.start(dir, "services { api { command = [\"no-such-program-xyz\", \"--serve\"] } }")) {
            s.awaitState("api", ServiceState.FAILED);
            assertTrue(s.flat().contains("FAILED: no-such-program-xyz is not on PATH"), s.console());
        }
    }

    @Test
    void environmentLayersParentThenEnvFileThenEnv() throws Exception {
        Files.writeString(dir.resolve(".env"), "# comment\nFROM_FILE=file\nOVERRIDDEN=file\nexport QUOTED=\"a b\"\n");
        try (Stack s = Stack.start(dir, """
                services { show {
                  command = "echo vars=$FROM_FILE,$OVERRIDDEN,$QUOTED,$PYTHONUNBUFFERED,${FORCE_COLOR:-none}", restart = no
                  env-file = .env
                  env { OVERRIDDEN = env }
                } }
                """)) {
            s.awaitEnd(Duration.ofSeconds(20));
            assertTrue(s.flat().contains("vars=file,env,a b,1,none"), s.console());
        }
    }

    @Test
    void childrenKeepAnOpenStdin() throws Exception {
        // Watchers such as esbuild exit when stdin closes; cat is the simplest such reader.
        try (Stack s = Stack.start(dir, "services { watcher { command = \"cat; echo stdin-closed\" } }")) {
            s.awaitState("watcher", ServiceState.HEALTHY);
            long pid = s.pid("watcher");
            assertFalse(Fixtures.gone(pid), "pid " + pid + " " + s.events);
            assertFalse(s.flat().contains("watcher | stdin-closed"), s.console());
        }
    }

    @Test
    void restartingAServiceGivesItANewPidRerunsBeforeStartAndLeavesItsDependentAlone() throws Exception {
        int api = Fixtures.freePort();
        try (Stack s = Stack.start(dir, """
                services {
                  api { command = %s, port = %d, before-start = ["echo migrated >> migrations.log"] }
                  web { command = "sleep 60", depends-on = [api] }
                }
                """.formatted(javaCommand(HttpFixture.class, api), api))) {
            s.awaitState("web", ServiceState.HEALTHY);
            long apiPid = s.pid("api");
            long webPid = s.pid("web");
            java.util.concurrent.atomic.AtomicBoolean reset = new java.util.concurrent.atomic.AtomicBoolean();
            assertTrue(s.restart(List.of("api"), false, () -> reset.set(!Fixtures.gone(webPid))));
            assertEquals(ServiceState.HEALTHY, s.state("api"));
            assertNotEquals(apiPid, s.pid("api"));
            assertTrue(Fixtures.gone(apiPid));
            assertEquals(webPid, s.pid("web"), "dependents stay up");
            assertTrue(reset.get(), "the reset step ran between stop and start");
            assertEquals(2, Files.readAllLines(dir.resolve("migrations.log")).size(), "before-start ran again");
        }
    }

    @Test
    void restartWithDependentsStopsThemFirstAndStartsThemAfter() throws Exception {
        try (Stack s = Stack.start(dir, """
                services {
                  db { command = "sleep 60" }
                  api { command = "sleep 60", depends-on = [db] }
                }
                """)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long db = s.pid("db");
            long api = s.pid("api");
            int before = s.events.size();
            assertTrue(s.restart(List.of("db"), true, () -> { }));
            List<StateChange> after = s.events.subList(before, s.events.size());
            int apiStopped = -1;
            int dbStopped = -1;
            int dbHealthy = -1;
            int apiStarted = -1;
            for (int i = 0; i < after.size(); i++) {
                StateChange c = after.get(i);
                if (c.to() == ServiceState.STOPPED && c.service().equals("api")) apiStopped = i;
                if (c.to() == ServiceState.STOPPED && c.service().equals("db")) dbStopped = i;
                if (c.to() == ServiceState.HEALTHY && c.service().equals("db")) dbHealthy = i;
                if (c.to() == ServiceState.STARTING && c.service().equals("api") && apiStarted < 0) apiStarted = i;
            }
            assertTrue(apiStopped >= 0 && apiStopped < dbStopped && dbHealthy < apiStarted, after.toString());
            assertNotEquals(db, s.pid("db"));
            assertNotEquals(api, s.pid("api"));
        }
    }

    @Test
    void restartsGiveANewPid() throws Exception {
        try (Stack s = Stack.start(dir, "services { flaky { command = \"sleep 0.3; exit 1\", max-restarts = 5 } }")) {
            s.awaitState("flaky", ServiceState.BACKOFF);
            long first = s.pid("flaky");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.pid("flaky") != first);
            assertNotEquals(first, s.pid("flaky"));
        }
    }
}
