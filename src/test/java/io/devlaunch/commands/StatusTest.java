package io.devlaunch.commands;

import com.typesafe.config.Config;
import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.json.Json;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@EnabledOnOs(OS.LINUX)
@Timeout(30)
class StatusTest {
    @TempDir
    Path dir;

    @Test
    void withoutASupervisorItProbesAndNamesWhoHoldsEachPort() throws Exception {
        int held = Fixtures.freePort();
        int free = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                project = shop
                services {
                  api { command = x, port = %d, health.http = "http://127.0.0.1:%d/health" }
                  web { command = y, port = %d }
                }
                """.formatted(held, held, free));
        Process holder = Fixtures.startForeign(HttpFixture.class, List.of(), held);
        try {
            CliRun run = CliRun.run(dir, "status", "--json");
            assertEquals(1, run.exitCode(), "nothing is looked after: not all healthy\n" + run.transcript());
            Config json = Json.parse(run.out());
            assertEquals("shop", json.getString("project"));
            assertEquals(false, json.getBoolean("supervisor.running"));
            List<? extends Config> services = json.getConfigList("services");
            Config api = services.get(0);
            assertEquals("api", api.getString("name"));
            assertEquals("not-running", api.getString("state"));
            assertEquals(holder.pid(), api.getLong("pid"), "the port's holder");
            assertEquals(List.of(held), api.getIntList("ports"));
            assertTrue(api.getString("health").endsWith("→ 200"), api.getString("health"));
            assertTrue(api.getIsNull("exitCode") && api.getIsNull("uptimeMs"));
            assertEquals(0, api.getInt("restarts"));
            assertTrue(services.get(1).getString("health").contains("connection refused"), run.out());
        } finally {
            holder.destroyForcibly();
        }
    }

    /** PRODUCT.md's order: the top object's keys, then each service's, as scripts and people read them. */
    @Test
    void jsonKeysComeInTheDocumentedOrder() {
        TestFiles.write(dir.resolve("launcher.conf"), """
                project = shop
                services { api { command = x, port = %d } }
                """.formatted(Fixtures.freePort()));
        CliRun run = CliRun.run(dir, "status", "--json");
        String out = run.out();
        assertInOrder(out, "\"project\":", "\"supervisor\":{\"pid\":", "\"running\":", "\"services\":[");
        String service = out.substring(out.indexOf("\"services\":["));
        assertInOrder(service, "\"name\":", "\"state\":", "\"pid\":", "\"ports\":", "\"restarts\":", "\"exitCode\":",
                "\"uptimeMs\":", "\"health\":");
    }

    private static void assertInOrder(String text, String... keys) {
        int at = -1;
        for (String k : keys) {
            int next = text.indexOf(k, at + 1);
            assertTrue(next > at, k + " should come after the keys before it in\n" + text);
            at = next;
        }
    }

    @Test
    void withASupervisorItShowsItsRecordsAndExits0WhenAllAreHealthy() throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), "services { api { command = x, port = %d } }".formatted(port));
        Process api = Fixtures.startForeign(HttpFixture.class, List.of(), port);
        try {
            long me = ProcessHandle.current().pid();
            long myStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            TestFiles.write(dir.resolve(".devlaunch/supervisor.json"), "{\"pid\": %d, \"startedAt\": %d}".formatted(me,
                    myStart));
            TestFiles.write(dir.resolve(".devlaunch/services.json"), """
                    {"services": [{"name": "api", "state": "healthy", "pid": %d, "startedAt": %d, "ports": [%d], "restarts": 2, "lastExit": 1}]}
                    """.formatted(api.pid(), System.currentTimeMillis() - 65_000, port));
            CliRun run = CliRun.run(dir, "status");
            assertEquals(0, run.exitCode(), run.transcript());
            String out = run.out().replaceAll(" {2,}", " ");
            assertTrue(out.contains("supervisor running (PID " + me + ")"), run.transcript());
            assertTrue(out.contains("api healthy " + api.pid() + " " + port + " 1m 2 1 ok TCP"), run.transcript());
        } finally {
            api.destroyForcibly();
        }
    }

    @Test
    void anUnhealthyRowSaysWhyFromWhatTheOsShows() throws Exception {
        int actual = Fixtures.freePort();
        int checked = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = x, health.http = "http://127.0.0.1:%d/health" } }
                """.formatted(checked));
        Process api = Fixtures.startForeign(HttpFixture.class, List.of(), actual);
        try {
            long me = ProcessHandle.current().pid();
            long myStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
            TestFiles.write(dir.resolve(".devlaunch/supervisor.json"), "{\"pid\": %d, \"startedAt\": %d}".formatted(me,
                    myStart));
            TestFiles.write(dir.resolve(".devlaunch/services.json"), """
                    {"services": [{"name": "api", "state": "unhealthy", "pid": %d, "startedAt": %d, "ports": [], "restarts": 0, "lastExit": null}]}
                    """.formatted(api.pid(), System.currentTimeMillis()));
            CliRun run = CliRun.run(dir, "status", "--json");
            assertEquals(1, run.exitCode(), run.transcript());
            Config row = Json.parse(run.out()).getConfigList("services").get(0);
            assertEquals("nothing listens on port " + checked + ", but api listens on 127.0.0.1:" + actual
                    + " — its health check targets " + checked + " (a different port in its own config?)",
                            row.getString("reason"));
            CliRun table = CliRun.run(dir, "status");
            assertTrue(table.out().contains("└ nothing listens on port " + checked), table.transcript());
        } finally {
            api.destroyForcibly();
        }
    }
}
