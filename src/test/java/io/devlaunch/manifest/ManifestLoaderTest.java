package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {
    @TempDir
    Path dir;

    private Manifest load(String text) throws ManifestException {
        return ManifestLoader.load(TestFiles.write(dir.resolve("launcher.conf"), text));
    }

    @Test
    void readsEveryKeyIntoTheTypedModel() throws Exception {
        Manifest m = load("""
                project = shop
                defaults { stop-timeout = 10s }
                services {
                  backend {
                    command = ["python3", "-m", "uvicorn", "main:app", "--port", "8000"]
                    dir = backend
                    port = 8000
                    env { DATABASE_URL = "sqlite:///./dev.db", WORKERS = 2 }
                    env-file = [".env", "backend/.env"]
                    health { http = "http://127.0.0.1:8000/health", timeout = 30s, expect-status = 204 }
                    before-start = [["python3", "manage.py", "migrate"], "echo ready"]
                    restart = always
                    max-restarts = 3
                    restart-window = 2m
                    stop-signal = SIGINT
                    clean = ["backend/dev.db"]
                  }
                }
                """);
        ServiceSpec s = m.service("backend");
        assertEquals("shop", m.project());
        assertEquals(List.of("python3", "-m", "uvicorn", "main:app", "--port", "8000"), io.devlaunch.process.Argv.of(s.command()));
        assertEquals(dir.resolve("backend"), s.dir());
        assertEquals(List.of(8000), s.ports());
        assertEquals(Map.of("DATABASE_URL", "sqlite:///./dev.db", "WORKERS", "2"), s.env());
        assertEquals(List.of(dir.resolve(".env"), dir.resolve("backend/.env")), s.envFiles());
        HealthSpec h = s.health().orElseThrow();
        assertEquals(HealthSpec.Kind.HTTP, h.kind());
        assertEquals(Duration.ofSeconds(30), h.timeout());
        assertEquals(204, h.expectStatus());
        assertEquals(2, s.beforeStart().size());
        assertEquals(List.of("/bin/sh", "-c", "echo ready"), io.devlaunch.process.Argv.of(s.beforeStart().get(1)));
        assertEquals(RestartPolicy.ALWAYS, s.restart());
        assertEquals(3, s.maxRestarts());
        assertEquals(Duration.ofMinutes(2), s.restartWindow());
        assertEquals("INT", s.stopSignal());
        assertEquals(Duration.ofSeconds(10), s.stopTimeout(), "from defaults");
        assertEquals(List.of("backend/dev.db"), s.clean());
    }

    @Test
    void defaultsApplyWhenNothingIsWritten() throws Exception {
        Manifest m = load("services { web { command = \"npm run dev\" } }");
        ServiceSpec s = m.service("web");
        assertEquals(dir.getFileName().toString(), m.project(), "project defaults to the folder name");
        assertEquals(List.of("/bin/sh", "-c", "npm run dev"), io.devlaunch.process.Argv.of(s.command()));
        assertEquals(dir, s.dir());
        assertEquals(RestartPolicy.ON_FAILURE, s.restart());
        assertEquals(ServiceSpec.DEFAULT_STOP_TIMEOUT, s.stopTimeout());
        assertEquals("TERM", s.stopSignal());
        assertTrue(s.health().isEmpty(), "no port, no health: ready after the settle time");
        assertTrue(m.killStale());
        assertEquals(Manifest.Dashboard.DEFAULT, m.dashboard(), "the dashboard is on, on its documented port");
        assertTrue(s.image().isEmpty());
    }

    @Test
    void servicesMergedWithDefaultsKeepTheirFileOrderAndLines() throws Exception {
        Manifest m = load("""
                defaults { stop-timeout = 3s }
                services {
                  zeta { command = x }
                  alpha { command = y }
                }
                """);
        assertEquals(List.of("zeta", "alpha"), m.startOrder(), "file order, not alphabetical");
        assertEquals(3, m.service("zeta").location().line());
        assertEquals(4, m.service("alpha").location().line());
    }

    @Test
    void dashboardBlockAndImageAreRead() throws Exception {
        Manifest m = load("""
                dashboard { enabled = false, port = 7900 }
                defaults { image = "python:3.12-slim" }
                services { api { command = x }, web { command = y, image = "node:20" } }
                """);
        assertEquals(new Manifest.Dashboard(false, 7900), m.dashboard());
        assertEquals("python:3.12-slim", m.service("api").image().orElseThrow(), "image is a per-service key, so defaults apply");
        assertEquals("node:20", m.service("web").image().orElseThrow());
    }

    @Test
    void logsBlockIsReadWithItsDefaults() throws Exception {
        assertEquals(new Manifest.Logs(10L << 20, 3), load("services { api { command = x } }").logs(), "10MiB, 3 by default");
        assertEquals(new Manifest.Logs(64 * 1024, 0), load("""
                logs { max-size = 64KiB, keep = 0 }
                services { api { command = x } }
                """).logs());
        assertEquals(new Manifest.Logs(1L << 30, 3), load("""
                logs.max-size = 1GiB
                services { api { command = x } }
                """).logs());
    }

    @Test
    void badLogsValuesAreProblemsAtTheirLines() {
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                services { api { command = x } }
                logs {
                  max-size = 1KiB
                  keep = -1
                }
                """));
        String m = e.getMessage();
        assertTrue(m.contains("launcher.conf:3: logs.max-size must be at least 64KiB, got \"1KiB\""), m);
        assertTrue(m.contains("launcher.conf:4: logs.keep must be between 0 and 1000, got -1"), m);
        e = assertThrows(ManifestException.class, () -> load("""
                services { api { command = x } }
                logs { kep = 2 }
                """));
        assertTrue(e.getMessage().contains("launcher.conf:2: unknown key 'logs.kep' (did you mean 'logs.keep'?)"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                services { api { command = x } }
                logs.max-size = 10
                """));
        assertTrue(e.getMessage().contains("launcher.conf:2: logs.max-size = 10 has no unit; write e.g. 10MiB"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                services { api { command = x } }
                logs.max-size = "ten megs"
                """));
        assertTrue(e.getMessage().contains("logs.max-size is not a size: \"ten megs\""), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                services { api { command = x } }
                logs = 5
                """));
        assertTrue(e.getMessage().contains("logs must be a block, e.g. logs { max-size = 10MiB, keep = 3 }"), e.getMessage());
    }

    @Test
    void aDashboardPortThatIsAlsoAServicesPortIsAProblemAtItsLine() {
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                services {
                  api { command = x, port = 8000 }
                }
                dashboard {
                  port = 8000
                }
                """));
        assertTrue(e.getMessage().contains("launcher.conf:5: dashboard.port 8000 is also services.api.port; choose another"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                services { web { command = x, ports = [3000, 3001] } }
                dashboard.port = 3001
                """));
        assertTrue(e.getMessage().contains("dashboard.port 3001 is also services.web.ports; choose another"), e.getMessage());
    }

    @Test
    void theDefaultDashboardPortMayBeAServicesPort() throws Exception {
        // Not set by the user: the dashboard just takes the next free port that no service claims.
        Manifest m = load("services { api { command = x, port = 7878 } }");
        assertEquals(java.util.Set.of(7878), m.ports());
    }

    @Test
    void badDashboardValuesAreReported() {
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                dashboard { prot = 7900 }
                services { a { command = x } }
                """));
        assertTrue(e.getMessage().contains("unknown key 'dashboard.prot'") && e.getMessage().contains("dashboard.port"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                dashboard = true
                services { a { command = x } }
                """));
        assertTrue(e.getMessage().contains("dashboard must be a block"), e.getMessage());
        e = assertThrows(ManifestException.class, () -> load("""
                dashboard.port = 70000
                services { a { command = x } }
                """));
        assertTrue(e.getMessage().contains("dashboard.port"), e.getMessage());
    }

    @Test
    void aPortWithoutHealthGetsAnImplicitTcpCheck() throws Exception {
        ServiceSpec s = load("services { db { command = x, port = 5432 } }").service("db");
        HealthSpec h = s.health().orElseThrow();
        assertEquals(HealthSpec.Kind.TCP, h.kind());
        assertEquals("localhost:5432", h.target());
        assertTrue(h.implicit());
    }

    @Test
    void substitutionsWriteAPortOnceAndUseItEverywhere() throws Exception {
        Manifest m = load("""
                vars { api-port = 8000 }
                services {
                  backend { command = x, port = ${vars.api-port} }
                  frontend {
                    command = y
                    depends-on = [backend]
                    env { BACKEND_URL = "http://127.0.0.1:"${services.backend.port} }
                    health.http = "http://127.0.0.1:5173/"
                  }
                }
                """);
        assertEquals("http://127.0.0.1:8000", m.service("frontend").env().get("BACKEND_URL"));
        assertEquals("http://127.0.0.1:5173/", m.service("frontend").health().orElseThrow().target());
    }

    @Test
    void optionalEnvironmentSubstitutionFallsBackWhenUnset() throws Exception {
        Manifest m = load("""
                services { api { command = x, port = 8000, port = ${?DEVLAUNCH_TEST_SURELY_UNSET_PORT} } }
                """);
        assertEquals(List.of(8000), m.service("api").ports());
    }

    @Test
    void startOrderPutsDependenciesFirstAndOtherwiseKeepsFileOrder() throws Exception {
        Manifest m = load("""
                services {
                  web    { command = x, depends-on = [api, assets] }
                  worker { command = x, depends-on = db }
                  api    { command = x, depends-on = [db] }
                  db     { command = x }
                  assets { command = x }
                }
                """);
        assertEquals(List.of("db", "worker", "api", "assets", "web"), m.startOrder());
        assertEquals(List.of("db", "api"), m.withDependencies(List.of("api")));
        assertEquals(java.util.Set.of("worker", "api", "web"), m.dependentsOf("db"));
    }

    @Test
    void healthKindsParse() throws Exception {
        Manifest m = load("""
                services {
                  a { command = x, health.tcp = 5432 }
                  b { command = x, health.log = "ready in \\\\d+ ms" }
                  c { command = x, health.command = ["pg_isready", "-q"] }
                }
                """);
        assertEquals("localhost:5432", m.service("a").health().orElseThrow().target());
        assertEquals("ready in \\d+ ms", m.service("b").health().orElseThrow().target());
        assertEquals(List.of("pg_isready", "-q"), io.devlaunch.process.Argv.of(m.service("c").health().orElseThrow().command()));
        assertFalse(m.service("c").health().orElseThrow().implicit());
    }

    @Test
    void badRegexAndBadUrlAreReported() {
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                services {
                  a { command = x, health.log = "ready (" }
                  b { command = x, health.http = "127.0.0.1:8000/health" }
                }
                """));
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("services.a.health.log is not a valid regular expression"), e.getMessage());
        assertTrue(e.getMessage().contains("services.b.health.http is not an http(s) URL"), e.getMessage());
    }

    @Test
    void unknownKeysInABlockMergedWithASubstitutionAreFoundAfterResolving() {
        // The fuzzer's third finding: such a block threw NotResolved at the unknown-keys step.
        ManifestException e = assertThrows(ManifestException.class, () -> load("""
                vars.base { restart = no }
                defaults = "x"
                defaults = ${vars.base} { stop-timeout = 5s }
                services {
                  api = ${vars.base} {
                    command = x
                    prot = 8000
                  }
                }
                """));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).toString().endsWith("launcher.conf:7: unknown key 'services.api.prot' (did you mean"
                + " 'services.api.port'?)"), e.getMessage());
    }

    @Test
    void aBlockMergedWithASubstitutionReadsLikeAnyOther() throws Exception {
        Manifest m = load("""
                vars.base { restart = no, stop-timeout = 7s }
                services { api = ${vars.base} { command = x } }
                """);
        assertEquals(RestartPolicy.NO, m.service("api").restart());
        assertEquals(Duration.ofSeconds(7), m.service("api").stopTimeout());
    }

    @Test
    void suggestionsToleratesCaseAndSeparators() {
        assertEquals("depends-on", Suggestions.closest("dependsOn", ManifestKeys.SERVICE).orElseThrow());
        assertEquals("health", Suggestions.closest("helth", ManifestKeys.SERVICE).orElseThrow());
        assertTrue(Suggestions.closest("zzzzzz", ManifestKeys.SERVICE).isEmpty());
    }

    @Test
    void locatorFindsTheNearestParentManifest() throws Exception {
        Path file = TestFiles.write(dir.resolve("launcher.conf"), "services { a { command = x } }");
        Path deep = java.nio.file.Files.createDirectories(dir.resolve("src/main/java"));
        assertEquals(file, ManifestLocator.locate(null, deep));
    }
}
