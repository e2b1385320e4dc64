package io.devlaunch.ipc;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restart over the control socket re-reads launcher.conf (the supervisor's side: the dashboard
 * asks the same way): edited definitions run, what a restart cannot apply is named, and a file that
 * does not read refuses the restart and leaves everything running.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class RestartRereadTest {
    /** web prints its command's version and its env; "ready" is its health (a log line). */
    private static String manifest(String version, String greeting, String extra) {
        return """
                services {
                  web { command = "echo %s greeting=$GREETING; echo ready; exec sleep 60", env { GREETING = %s }, health.log = "ready" }
                  side { command = "echo ready; exec sleep 60", health.log = "ready", env { X = "1" } }
                  %s
                }
                """.formatted(version, greeting, extra);
    }

    @TempDir
    Path dir;

    private static Protocol.Done restart(ControlHarness h, List<String> lines, String... services) throws Exception {
        return ControlClient.call(h.socket(), new Protocol.RestartRequest(List.of(services), false, false), lines::add);
    }

    @Test
    void anEditedCommandAndEnvRunAfterTheRestartAndOtherChangesAreNamed() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, manifest("v1", "hello", ""))) {
            h.awaitState("web", ServiceState.HEALTHY);
            h.awaitState("side", ServiceState.HEALTHY);
            long sideSpawns = h.spawns("side");
            TestFiles.write(dir.resolve("launcher.conf"), manifest("v2", "bye", "extra { command = \"sleep 60\" }")
                    .replace("X = \"1\"", "X = \"2\""));

            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done d = restart(h, lines, "web");
            String out = String.join("\n", lines);
            assertEquals(new Protocol.Done(true, "restarted"), d, out);
            assertTrue(out.contains("web: command, env changed in launcher.conf; it starts with the new definition"), out);
            // Its own lines may reach the client after the answer (the health line can match first): the console has them.
            await().atMost(Duration.ofSeconds(20)).until(() -> h.console().contains("v2 greeting=bye"));
            assertTrue(out.contains("side: env changed in launcher.conf; not restarted now — `devlaunch restart side` applies it"), out);
            assertTrue(out.contains("extra was added to launcher.conf") && out.contains("`devlaunch down && devlaunch up` starts it"), out);
            assertEquals(sideSpawns, h.spawns("side"), "side was not restarted");

            // The next restart compares with what runs now: web's edit is applied, side's is still pending.
            lines.clear();
            assertEquals(new Protocol.Done(true, "restarted"), restart(h, lines, "side"), String.join("\n", lines));
            assertFalse(String.join("\n", lines).contains("web:"), "web runs its new definition already: " + lines);
            assertTrue(String.join("\n", lines).contains("side: env changed"), String.join("\n", lines));
        }
    }

    @Test
    void aManifestThatDoesNotReadRefusesTheRestartAndTheStackRunsOn() throws Exception {
        try (ControlHarness h = ControlHarness.start(dir, manifest("v1", "hello", ""))) {
            h.awaitState("web", ServiceState.HEALTHY);
            long spawns = h.spawns("web");
            TestFiles.write(dir.resolve("launcher.conf"), "services {\n  web { command = \"sleep 1\"\n");

            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done d = restart(h, lines, "web");
            assertFalse(d.ok(), d.message());
            assertTrue(d.message().matches("(?s).*nothing was restarted: .*launcher\\.conf:\\d+: .*keeps running as it was.*"), d.message());
            assertEquals(spawns, h.spawns("web"), "web was left alone");
            assertEquals(ServiceState.HEALTHY, h.state("web"));
            assertTrue(h.running());
        }
    }

    @Test
    void aProxyTurnedOnIsNamedWithWhatToRunAndTheServiceRestartsAsItRuns() throws Exception {
        int port = Fixtures.freePort();
        String api = "api { command = %s, port = %d %s }";
        String command = Fixtures.javaCommand(HttpFixture.class, port);
        try (ControlHarness h = ControlHarness.start(dir, "services { " + api.formatted(command, port, "") + " }")) {
            h.awaitState("api", ServiceState.HEALTHY);
            TestFiles.write(dir.resolve("launcher.conf"), "services { " + api.formatted(command, port, ", proxy = true") + " }");
            List<String> lines = new CopyOnWriteArrayList<>();
            Protocol.Done d = restart(h, lines, "api");
            String out = String.join("\n", lines);
            assertEquals(new Protocol.Done(true, "restarted"), d, out);
            assertTrue(out.contains("api: proxy changed, which a running supervisor cannot apply; api keeps its running definition until "
                    + "`devlaunch down && devlaunch up`"), out);
        }
    }
}
