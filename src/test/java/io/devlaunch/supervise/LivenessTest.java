package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.SwitchableHealth;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a service is healthy its check keeps running: {@link HealthWatch#LIVENESS_FAILURES} failures in
 * a row make it {@code unhealthy} (the process is left running), one pass makes it healthy again. The
 * probe interval is shortened from 5 s so that takes milliseconds; the counting is what is under test.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class LivenessTest {
    private static final Duration EVERY = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private Stack start(String manifest) throws Exception {
        return Stack.start(dir, manifest, EVERY);
    }

    /** Talks to the fixture's control endpoints (not its health endpoint, so no probe is counted). */
    private static String control(int port, String pathAndQuery) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), pathAndQuery + " → " + r.body());
        return r.body();
    }

    /** Health requests the fixture answered so far: {ok, failed}. */
    private static int[] answered(int port) throws Exception {
        Matcher m = Pattern.compile("ok=(\\d+) failed=(\\d+)").matcher(control(port, "/stats"));
        assertTrue(m.matches());
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static List<StateChange> changesTo(Stack s, String service, ServiceState to) {
        return s.events.stream().filter(c -> c.service().equals(service) && c.to() == to && c.from() != to).toList();
    }

    private static long spawns(Stack s, String service) {
        return s.events.stream().filter(c -> c.service().equals(service) && c.from() == ServiceState.STARTING
                && c.to() == ServiceState.STARTING).count();
    }

    @Test
    void aFailingHttpCheckMakesAHealthyServiceUnhealthyWithTheReasonAndItRecovers() throws Exception {
        int port = Fixtures.freePort();
        String url = "http://127.0.0.1:" + port + "/health";
        try (Stack s = start("""
                services { api { command = %s, port = %d, health.http = "%s" } }
                """.formatted(javaCommand(SwitchableHealth.class, port), port, url))) {
            s.awaitState("api", ServiceState.HEALTHY);
            long pid = s.pid("api");

            control(port, "/fail");
            s.awaitState("api", ServiceState.UNHEALTHY, Duration.ofSeconds(10));
            StateChange down = changesTo(s, "api", ServiceState.UNHEALTHY).get(0);
            assertEquals(ServiceState.HEALTHY, down.from());
            assertEquals("unhealthy: GET " + url + " → 503: database connection lost (expected 2xx) (3 checks in a row)",
                    down.detail(), "the reason is what the check found");
            assertTrue(answered(port)[1] >= HealthWatch.LIVENESS_FAILURES, "it took " + HealthWatch.LIVENESS_FAILURES
                    + " failed probes");
            assertTrue(s.flat().contains("api unhealthy: GET " + url + " → 503: database connection lost"), s.console());
            assertFalse(Fixtures.gone(pid), "an unhealthy service is reported, not killed");

            control(port, "/recover");
            s.awaitState("api", ServiceState.HEALTHY, Duration.ofSeconds(10));
            StateChange up = changesTo(s, "api", ServiceState.HEALTHY).get(1);
            assertEquals(ServiceState.UNHEALTHY, up.from());
            assertEquals("healthy again (GET " + url + " → 200)", up.detail());
            assertTrue(s.flat().contains("api healthy again (GET " + url + " → 200)"), s.console());
            assertEquals(pid, s.pid("api"), "the same process throughout");
            assertEquals(1, spawns(s, "api"), "never restarted: " + s.events);
        }
    }

    @Test
    void fewerFailuresInARowThanTheLimitLeaveItHealthyAndExactlyTheLimitDoesNot() throws Exception {
        int port = Fixtures.freePort();
        try (Stack s = start("""
                services { api { command = %s, health.http = "http://127.0.0.1:%d/health" } }
                """.formatted(javaCommand(SwitchableHealth.class, port), port))) {
            s.awaitState("api", ServiceState.HEALTHY);

            control(port, "/fail?n=" + (HealthWatch.LIVENESS_FAILURES - 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> answered(port)[1] == HealthWatch.LIVENESS_FAILURES - 1);
            int okAfterBlip = answered(port)[0];
            // Two passing probes after the blip: the first reset the count, and its result has been handled.
            await().atMost(Duration.ofSeconds(10)).until(() -> answered(port)[0] >= okAfterBlip + 2);
            assertEquals(ServiceState.HEALTHY, s.state("api"));
            assertEquals(List.of(), changesTo(s, "api", ServiceState.UNHEALTHY), "a short blip is not unhealthy");

            // Exactly the limit: unhealthy at the last failure, healthy again at the next pass, all by itself.
            control(port, "/fail?n=" + HealthWatch.LIVENESS_FAILURES);
            await().atMost(Duration.ofSeconds(10)).until(() -> changesTo(s, "api", ServiceState.HEALTHY).size() == 2);
            assertEquals(1, changesTo(s, "api", ServiceState.UNHEALTHY).size(), s.events.toString());
            assertEquals(ServiceState.HEALTHY, s.state("api"));
            assertEquals(2 * HealthWatch.LIVENESS_FAILURES - 1, answered(port)[1], "no failure was lost or added");
        }
    }

    @Test
    void aCommandCheckTurnsUnhealthyWhileItFailsAndBackWhenItPasses() throws Exception {
        Path down = dir.resolve("down");
        try (Stack s = start("""
                services { worker { command = "sleep 60", health.command = "test ! -e down" } }
                """)) {
            s.awaitState("worker", ServiceState.HEALTHY);
            Files.createFile(down);
            s.awaitState("worker", ServiceState.UNHEALTHY, Duration.ofSeconds(10));
            String detail = changesTo(s, "worker", ServiceState.UNHEALTHY).get(0).detail();
            assertTrue(detail.startsWith("unhealthy: `test ! -e down` exited 1") && detail.endsWith("(3 checks in a row)"), detail);
            Files.delete(down);
            s.awaitState("worker", ServiceState.HEALTHY, Duration.ofSeconds(10));
            assertEquals(1, spawns(s, "worker"), s.events.toString());
        }
    }
}
