package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each manifest mistake, written to a real file and run through the real CLI: the message names
 * the file and line (and the suggestion, for typos), and the exit code is 2.
 */
class ManifestErrorsTest {
    @TempDir
    Path dir;

    private CliRun check(String manifest) {
        TestFiles.write(dir.resolve("launcher.conf"), manifest);
        return CliRun.run(dir, "check");
    }

    private static void assertReports(CliRun run, String... fragments) {
        assertEquals(2, run.exitCode(), run.transcript());
        for (String f : fragments) assertTrue(run.err().contains(f), "expected '" + f + "' in\n" + run.transcript());
        assertTrue(!run.err().contains("\tat "), "no stack trace\n" + run.transcript());
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        CliRun run = check("""
                services {
                  api {
                    command = ["a", "b",, ]
                  }
                }
                """);
        assertReports(run, "launcher.conf:3:", "syntax error");
    }

    @Test
    void unknownKeySuggestsTheNearestValidKey() {
        CliRun run = check("""
                services {
                  api {
                    command = "run-api"
                    depends_on = []
                    health.htp = "http://127.0.0.1:1/"
                  }
                }
                """);
        assertReports(run, "launcher.conf:4: unknown key 'services.api.depends_on' (did you mean 'services.api.depends-on'?)",
                "launcher.conf:5: unknown key 'services.api.health.htp' (did you mean 'services.api.health.http'?)");
    }

    @Test
    void unknownTopLevelAndDefaultsKeys() {
        CliRun run = check("""
                projct = "x"
                defaults { stop-timout = 5s }
                services { api { command = "x" } }
                """);
        assertReports(run, "launcher.conf:1: unknown key 'projct' (did you mean 'project'?)",
                "launcher.conf:2: unknown key 'defaults.stop-timout' (did you mean 'defaults.stop-timeout'?)");
    }

    @Test
    void wrongTypeNamesTheKeyAndValue() {
        CliRun run = check("""
                services {
                  api {
                    command = "x"
                    port = "eighty"
                  }
                }
                """);
        assertReports(run, "launcher.conf:4: services.api.port must be a whole number, got \"eighty\"");
    }

    @Test
    void unparsableDurationIsAnError() {
        CliRun run = check("""
                services {
                  api {
                    command = "x"
                    stop-timeout = "5 secs"
                  }
                }
                """);
        assertReports(run, "launcher.conf:4: services.api.stop-timeout is not a duration", "10s");
    }

    @Test
    void bareNumberDurationIsRefusedBecauseHoconReadsMilliseconds() {
        CliRun run = check("""
                services {
                  api {
                    command = "x"
                    health { tcp = "127.0.0.1:9", timeout = 30 }
                  }
                }
                """);
        assertReports(run, "launcher.conf:4: services.api.health.timeout = 30 has no unit; write e.g. 30s");
    }

    @Test
    void unknownServiceInDependsOn() {
        CliRun run = check("""
                services {
                  backend { command = "x" }
                  frontend {
                    command = "y"
                    depends-on = [backnd]
                  }
                }
                """);
        assertReports(run, "launcher.conf:3: services.frontend.depends-on names 'backnd', which is not a service (did you mean 'backend'?)");
    }

    @Test
    void dependencyCycleIsNamed() {
        CliRun run = check("""
                services {
                  a { command = "x", depends-on = [c] }
                  b { command = "x", depends-on = [a] }
                  c { command = "x", depends-on = [b] }
                }
                """);
        assertReports(run, "depends-on forms a cycle: a → c → b → a");
    }

    @Test
    void twoServicesClaimingOnePort() {
        CliRun run = check("""
                services {
                  api { command = "x", port = 8000 }
                  web { command = "y", ports = [3000, 8000] }
                }
                """);
        assertReports(run, "launcher.conf:3: port 8000 is claimed by both api (line 2) and web");
    }

    @Test
    void serviceWithoutCommand() {
        CliRun run = check("""
                services {
                  api { port = 8000 }
                }
                """);
        assertReports(run, "launcher.conf:2: services.api has no command");
    }

    @Test
    void healthWithNoCheckKind() {
        CliRun run = check("""
                services {
                  api {
                    command = "x"
                    health { timeout = 10s }
                  }
                }
                """);
        assertReports(run, "launcher.conf:4: services.api.health names no check; give exactly one of http, tcp, log or command");
    }

    @Test
    void healthWithSeveralCheckKinds() {
        CliRun run = check("""
                services {
                  api {
                    command = "x"
                    health {
                      http = "http://127.0.0.1:8000/health"
                      tcp = "127.0.0.1:8000"
                    }
                  }
                }
                """);
        assertReports(run, "services.api.health names http and tcp; give exactly one");
    }

    @Test
    void unresolvedSubstitutionNamesTheReference() {
        CliRun run = check("""
                services {
                  api { command = "x", port = 8000 }
                  web { command = "y", env { API = "http://127.0.0.1:"${services.api.prt} } }
                }
                """);
        assertReports(run, "launcher.conf:3:", "${services.api.prt}");
    }

    @Test
    void everyProblemIsReportedInOneRun() {
        CliRun run = check("""
                services {
                  api { command = "x", restart = sometimes, max-restarts = -1 }
                  web { command = "y", stop-signal = BOOM }
                }
                """);
        assertReports(run, "3 problems", "services.api.restart must be no, on-failure or always",
                "services.api.max-restarts must be between 0", "services.web.stop-signal must be one of");
    }

    @Test
    void missingManifestSaysWhereItLooked() {
        CliRun run = CliRun.run(dir, "check");
        assertReports(run, "no launcher.conf here or in any parent folder");
    }
}
