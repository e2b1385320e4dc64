package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.Manifest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeExportTest {
    @TempDir
    Path dir;

    private String shop() {
        Path root = ExportFixture.copy("shop", dir);
        return new ComposeExport(ExportFixture.load(root), root).render();
    }

    /** One service's block: from its name line to the next service (or the end). */
    private static String block(String yaml, String service) {
        int start = yaml.indexOf("\n  \"" + service + "\":\n");
        assertTrue(start >= 0, "no service " + service + " in\n" + yaml);
        int end = yaml.indexOf("\n  \"", start + 1);
        return yaml.substring(start + 1, end < 0 ? yaml.length() : end + 1);
    }

    @Test
    void theShopFixtureExportsAsCheckedIn() {
        assertEquals(ExportFixture.expected("shop-expected/compose.expected.yaml"), shop());
    }

    @Test
    void dependentsWaitForHealthOrForAOneShotTaskToSucceed() {
        String backend = block(shop(), "backend");
        assertTrue(backend.contains("""
                    depends_on:
                      "db":
                        condition: "service_healthy"
                      "migrate":
                        condition: "service_completed_successfully"
                """), backend);
    }

    @Test
    void loopbackUrlsToAnotherServicesPortUseItsName() {
        String yaml = shop();
        assertTrue(block(yaml, "backend").contains("\"DATABASE_URL\": \"postgres://shop:dev@db:5432/shop\""), yaml);
        assertTrue(block(yaml, "frontend").contains("\"VITE_API_URL\": \"http://127.0.0.1:8000\""), yaml);
        // The service's own health URL stays on loopback: inside its container that is itself.
        assertTrue(block(yaml, "backend").contains("http://127.0.0.1:8000/health"), yaml);
    }

    @Test
    void variablesTheBrowserReadsKeepTheirLoopbackUrl() {
        Manifest m = ExportFixture.manifest(dir, """
                defaults { image = "node:20" }
                services {
                  api { command = ["api"], port = 8000 }
                  web {
                    command = "npm run dev"
                    env {
                      API_URL = "http://127.0.0.1:8000"
                      VITE_API_URL = "http://127.0.0.1:8000"
                      NEXT_PUBLIC_API = "http://localhost:8000/v1"
                    }
                  }
                }
                """);
        String web = block(new ComposeExport(m, dir).render(), "web");
        assertTrue(web.contains("\"API_URL\": \"http://api:8000\""), web);
        // The browser runs outside the stack: what it reads stays on the published loopback port.
        assertTrue(web.contains("# kept on loopback: the browser reads VITE_API_URL"), web);
        assertTrue(web.contains("\"VITE_API_URL\": \"http://127.0.0.1:8000\""), web);
        assertTrue(web.contains("\"NEXT_PUBLIC_API\": \"http://localhost:8000/v1\""), web);
    }

    @Test
    void beforeStartRunsInFrontOfTheCommandAndExecsIt() {
        String yaml = shop();
        assertTrue(block(yaml, "backend").contains("command: [\"/bin/sh\", \"-c\", \"python3 manage.py collectstatic --noinput"
                + " && exec python3 -m uvicorn main:app --host 0.0.0.0 --port 8000\"]"), yaml);
    }

    @Test
    void aStringCommandKeepsItsShellAndDollarsAreDoubled() {
        String yaml = shop();
        assertTrue(block(yaml, "frontend").contains("command: [\"/bin/sh\", \"-c\", \"npm run dev -- --host 0.0.0.0 --port 5173\"]"), yaml);
        assertTrue(block(yaml, "backend").contains("\"GREETING\": \"say \\\"hi\\\" for $$5 at 100% off\""), yaml);
    }

    @Test
    void everyServiceWithoutAnImageIsNamed() {
        Manifest m = ExportFixture.manifest(dir, """
                services {
                  api { command = ["true"] }
                  web { command = ["true"], image = "node:20" }
                  worker { command = ["true"] }
                }
                """);
        DevLaunchException e = assertThrows(DevLaunchException.class, () -> new ComposeExport(m, dir).render());
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().matches("(?s).*these 2 have none: api \\(\\S*launcher.conf:2\\), worker \\(\\S*launcher.conf:4\\).*"),
                e.getMessage());
        assertFalse(e.getMessage().contains("web"), e.getMessage());
        assertTrue(e.getMessage().contains("defaults { image"), e.getMessage());
    }

    @Test
    void awkwardValuesAreQuotedAndEscaped() {
        Manifest m = ExportFixture.manifest(dir, """
                defaults { image = "alpine:3" }
                services {
                  edge {
                    command = ["printf", "%s\\n", "it's \\"quoted\\"", "$HOME", "a b", "no", "1.0", "#x", "- y", ""]
                    env {
                      MULTI = "line one\\nline two"
                      "KEY WITH SPACE" = "yes"
                      BACKSLASH = "C:\\\\dir"
                      TAB = "a\\tb"
                    }
                  }
                }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(yaml.contains("command: [\"printf\", \"%s\\n\", \"it's \\\"quoted\\\"\", \"$$HOME\", \"a b\", \"no\", \"1.0\","
                + " \"#x\", \"- y\", \"\"]"), yaml);
        assertTrue(yaml.contains("\"MULTI\": \"line one\\nline two\""), yaml);
        assertTrue(yaml.contains("\"KEY WITH SPACE\": \"yes\""), yaml);
        assertTrue(yaml.contains("\"BACKSLASH\": \"C:\\\\dir\""), yaml);
        assertTrue(yaml.contains("\"TAB\": \"a\\tb\""), yaml);
    }

    @Test
    void withoutHealthThereIsNoHealthcheckAndDependentsWaitForTheStart() {
        Manifest m = ExportFixture.manifest(dir, """
                defaults { image = "alpine:3" }
                services {
                  worker { command = ["worker"] }
                  tail { command = ["app"], health.log = "ready", ports = [7000, 7001] }
                  web { command = ["web"], depends-on = [worker, tail] }
                }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertFalse(block(yaml, "worker").contains("healthcheck"), yaml);
        assertFalse(block(yaml, "tail").contains("healthcheck:"), yaml);
        assertTrue(block(yaml, "tail").contains("# health.log has no Compose equivalent"), yaml);
        assertTrue(block(yaml, "tail").contains("    ports:\n      - \"7000:7000\"\n      - \"7001:7001\"\n"), yaml);
        assertTrue(block(yaml, "web").contains("\"worker\":\n        condition: \"service_started\""), yaml);
        assertTrue(block(yaml, "web").contains("\"tail\":\n        condition: \"service_started\""), yaml);
    }

    @Test
    void aPortWithoutHealthGetsTheImplicitTcpCheck() {
        Manifest m = ExportFixture.manifest(dir, """
                services { cache { command = ["redis-server"], port = 6379, image = "redis:7" } }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(yaml.contains("test: [\"CMD-SHELL\", \"bash -c 'exec 3<>/dev/tcp/localhost/6379' 2>/dev/null"
                + " || nc -z localhost 6379 || exit 1\"]"), yaml);
        assertTrue(yaml.contains("# tcp localhost:6379: needs bash (its /dev/tcp) or nc in the image"), yaml);
    }

    @Test
    void commandChecksRunAsTheyAreAndExpectStatusIsCompared() {
        Manifest m = ExportFixture.manifest(dir, """
                defaults { image = "alpine:3" }
                services {
                  pg { command = ["postgres"], health.command = ["pg_isready", "-q"] }
                  sh { command = ["x"], health.command = "test -f /tmp/ready && echo $HOME" }
                  auth { command = ["x"], health { http = "http://127.0.0.1:9000/", expect-status = 401 } }
                }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(block(yaml, "pg").contains("test: [\"CMD\", \"pg_isready\", \"-q\"]"), yaml);
        assertFalse(block(yaml, "pg").contains("needs"), yaml);
        assertTrue(block(yaml, "sh").contains("test: [\"CMD-SHELL\", \"test -f /tmp/ready && echo $$HOME\"]"), yaml);
        assertTrue(block(yaml, "auth").contains("test: [\"CMD-SHELL\", \"[ \\\"$$(curl -s -o /dev/null -w '%{http_code}'"
                + " http://127.0.0.1:9000/)\\\" = 401 ] || exit 1\"]"), yaml);
    }

    @Test
    void aProxiedServiceListensOnItsPublicPortItself() {
        Manifest m = ExportFixture.manifest(dir, """
                services {
                  api {
                    image = "python:3.12"
                    command = ["uvicorn", "main:app", "--port", "$PORT"]
                    port = 8000
                    proxy = true
                    env { SELF = "http://127.0.0.1:${PORT}" }
                  }
                }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(yaml.contains("command: [\"uvicorn\", \"main:app\", \"--port\", \"8000\"]"), yaml);
        assertTrue(yaml.contains("\"PORT\": \"8000\""), yaml);
        assertTrue(yaml.contains("\"PORT_8000\": \"8000\""), yaml);
        assertTrue(yaml.contains("\"SELF\": \"http://127.0.0.1:8000\""), yaml);
        assertTrue(yaml.contains("# proxy = true has no Compose equivalent"), yaml);
    }

    @Test
    void stopAndRestartSettingsAreCarriedOver() {
        Manifest m = ExportFixture.manifest(dir, """
                services { w { image = "x", command = ["w"], restart = always, stop-signal = SIGQUIT, stop-timeout = 1500ms, dir = "sub/dir" } }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(yaml.contains("restart: \"always\""), yaml);
        assertTrue(yaml.contains("stop_signal: \"SIGQUIT\""), yaml);
        assertTrue(yaml.contains("stop_grace_period: \"1500ms\""), yaml);
        assertTrue(yaml.contains("working_dir: \"/app/sub/dir\""), yaml);
    }

    /** What PyYAML (YAML 1.1, docker-compose 1.29) reads as a line break or refuses: none may be raw in the file. */
    private static void onlyPrintableLines(String yaml) {
        for (char c : yaml.toCharArray()) {
            boolean bad = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff';
            assertFalse(bad, "raw character " + (int) c + " in\n" + yaml);
        }
    }

    @Test
    void manifestTextInCommentsCannotBreakTheYaml() {
        Manifest m = ExportFixture.manifest(dir, """
                project = "p\\u0085q"
                services {
                  api { image = "x", command = ["a"], port = 8000 }
                  web {
                    image = "x", command = ["w"], depends-on = [api]
                    env { API = "http://127.0.0.1:8000/\\u0085evil: 1\\u0007\\t\\u001b[31m" }
                  }
                }
                """);
        String yaml = new ComposeExport(m, dir).render();
        onlyPrintableLines(yaml);
        assertTrue(yaml.contains("# was http://127.0.0.1:8000/ evil: 1 [31m: inside the stack"), yaml);
        assertTrue(yaml.contains("\"API\": \"http://api:8000/\\u0085evil: 1\\u0007\\t\\u001b[31m\""), yaml);
    }

    @Test
    void aPortTokenTooLongForAnIntIsLeftAsWrittenNotAStackTrace() {
        Manifest m = ExportFixture.manifest(dir, """
                services { api { image = "x", command = ["a", "$PORT_99999999999"], port = 8000, proxy = true, env { X = "${PORT_00000000008000}" } } }
                """);
        String yaml = new ComposeExport(m, dir).render();
        assertTrue(yaml.contains("command: [\"a\", \"$$PORT_99999999999\"]"), yaml);
        assertTrue(yaml.contains("\"X\": \"00000000008000\""), "as PrivatePorts reads it at up\n" + yaml);
    }

    @Test
    void envFileIsRelativeToTheWrittenFileWhereverItGoes() throws Exception {
        Path root = dir.resolve("project");
        io.devlaunch.testing.TestFiles.write(root.resolve(".env"), "A=1\n");
        io.devlaunch.testing.TestFiles.write(root.resolve("launcher.conf"),
                "services { api { command = [\"serve\"], image = \"python:3.12\", env-file = .env } }\n");
        Manifest m = io.devlaunch.manifest.ManifestLoader.load(root.resolve("launcher.conf"));
        assertTrue(new ComposeExport(m, root.resolve("deploy")).render().contains("- \"../.env\""), "inside the project");
        String outside = new ComposeExport(m, dir.resolve("elsewhere")).render();
        assertTrue(outside.contains("- \"../project/.env\""), "Compose reads it relative to the file, so no absolute path\n" + outside);
    }
}
