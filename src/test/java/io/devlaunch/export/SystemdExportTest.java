package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdExportTest {
    @TempDir
    Path dir;

    private SystemdExport.Units render(Manifest m) {
        return new SystemdExport(m, ExportFixture.FAKE_PATH).render();
    }

    /** A unit's text with the temp folder written as /ROOT, as in the checked-in files. */
    private String unit(SystemdExport.Units u, String name) {
        String text = u.files().get(name);
        if (text == null) throw new AssertionError("no " + name + " among " + u.files().keySet());
        return text.replace(dir.toString(), "/ROOT");
    }

    @Test
    void theShopFixtureExportsAsCheckedIn() {
        SystemdExport.Units u = render(ExportFixture.load(ExportFixture.copy("shop", dir)));
        assertEquals(List.of("db.service", "migrate.service", "backend.service", "frontend.service", "shop.target"),
                List.copyOf(u.files().keySet()));
        for (String name : u.files().keySet()) {
            assertEquals(ExportFixture.expected("shop-expected/systemd/" + name), unit(u, name), name);
        }
        assertEquals("shop.target", u.target());
        assertEquals(List.of(), u.notes());
    }

    @Test
    void everyServiceKillsItsWholeControlGroupAndBelongsToTheTarget() {
        SystemdExport.Units u = render(ExportFixture.load(ExportFixture.copy("shop", dir)));
        for (String name : List.of("db.service", "migrate.service", "backend.service", "frontend.service")) {
            String text = unit(u, name);
            assertTrue(text.contains("\nKillMode=control-group\n"), text);
            assertTrue(text.contains("foreman's export writes KillMode=process"), text);
            assertTrue(text.contains("\nPartOf=shop.target\n") && text.contains("\nWantedBy=shop.target\n"), text);
        }
        assertTrue(unit(u, "shop.target").contains("\nWants=db.service migrate.service backend.service frontend.service\n"));
    }

    @Test
    void dependenciesBeforeStartAndTheOneShotTask() {
        SystemdExport.Units u = render(ExportFixture.load(ExportFixture.copy("shop", dir)));
        String backend = unit(u, "backend.service");
        assertTrue(backend.contains("\nRequires=db.service migrate.service\nAfter=db.service migrate.service\n"), backend);
        assertTrue(backend.contains("\nExecStartPre=/usr/bin/python3 manage.py collectstatic --noinput\n"), backend);
        assertTrue(backend.contains("\nStartLimitIntervalSec=60s\nStartLimitBurst=4\n"), backend);
        assertTrue(backend.contains("\nRestart=always\n"), backend);
        String migrate = unit(u, "migrate.service");
        assertTrue(migrate.contains("\nType=oneshot\nRemainAfterExit=yes\n"), migrate);
        assertFalse(migrate.contains("ExecStartPost"), migrate);
        assertTrue(unit(u, "db.service").contains("\nKillSignal=SIGINT\nTimeoutStopSec=10s\n"));
    }

    @Test
    void environmentAndCommandsAreQuotedForSystemd() {
        Manifest m = ExportFixture.manifest(dir, """
                project = "50%"
                services {
                  edge {
                    command = ["printf", "%s $HOME", "it's \\"q\\"", "a b", "back\\\\slash", "line\\nbreak", ""]
                    before-start = "echo \\"$PATH\\" > /tmp/x; true"
                    env {
                      PCT = "100%"
                      DOLLAR = "$5 ${X}"
                      QUOTE = "say \\"hi\\""
                      MULTI = "one\\ntwo"
                      SPACE = "a b"
                      SLASH = "C:\\\\dir"
                    }
                  }
                }
                """);
        SystemdExport.Units u = render(m);
        String text = unit(u, "edge.service");
        assertTrue(text.contains("\nExecStart=/usr/bin/printf \"%%s $$HOME\" \"it's \\\"q\\\"\" \"a b\" \"back\\\\slash\""
                + " \"line\\nbreak\" \"\"\n"), text);
        assertTrue(text.contains("\nExecStartPre=/bin/sh -c \"echo \\\"$$PATH\\\" > /tmp/x; true\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"PCT=100%%\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"DOLLAR=$5 ${X}\"\n"), text);    // no $ expansion in Environment=
        assertTrue(text.contains("\nEnvironment=\"QUOTE=say \\\"hi\\\"\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"MULTI=one\\ntwo\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"SPACE=a b\"\n"), text);
        assertTrue(text.contains("\nEnvironment=\"SLASH=C:\\\\dir\"\n"), text);
        assertTrue(text.contains("\nDescription=50%%: edge\n"), text);
        assertEquals("50-.target", u.target());
    }

    @Test
    void programsAreResolvedToAbsolutePaths() {
        TestFiles.write(dir.resolve("api/bin/serve"), "#!/bin/sh\n");
        Manifest m = ExportFixture.manifest(dir, """
                services {
                  rel { command = ["./bin/serve", "--x"], dir = "api" }
                  abs { command = ["/opt/tool/run"] }
                  gone { command = ["missing-tool", "arg"] }
                }
                """);
        SystemdExport.Units u = render(m);
        assertTrue(unit(u, "rel.service").contains("\nExecStart=/ROOT/api/bin/serve --x\n"), unit(u, "rel.service"));
        assertTrue(unit(u, "abs.service").contains("\nExecStart=/opt/tool/run\n"));
        assertTrue(unit(u, "gone.service").contains("\nExecStart=/usr/bin/env missing-tool arg\n"));
        assertEquals(List.of("gone: missing-tool is not on this PATH; the unit runs it as /usr/bin/env missing-tool,"
                + " found on systemd's own PATH when it starts"), u.notes());
    }

    @Test
    void aKeyInBothEnvAndTheEnvFileIsPointedOut() {
        TestFiles.write(dir.resolve(".env"), "# local\nexport TOKEN=from-file\nOTHER=1\n");
        Manifest m = ExportFixture.manifest(dir, """
                services { api { command = ["api"], env-file = ".env", env { TOKEN = "from-env" } } }
                """);
        SystemdExport.Units u = render(m);
        assertTrue(unit(u, "api.service").contains("\nEnvironment=\"TOKEN=from-env\"\nEnvironmentFile=/ROOT/.env\n"),
                unit(u, "api.service"));
        assertEquals(List.of("api: TOKEN set in both env and .env; under systemd the env-file's value wins"
                + " (with devlaunch, env wins) — remove one"), u.notes());
    }

    @Test
    void noHealthMeansNoWaitAndZeroRestartsMeansOneStart() {
        Manifest m = ExportFixture.manifest(dir, """
                services {
                  worker { command = ["w"], max-restarts = 0, restart-window = 2m }
                  logged { command = ["l"], health.log = "ready" }
                  cache { command = ["redis-server"], ports = [6379, 6380] }
                }
                """);
        SystemdExport.Units u = render(m);
        String worker = unit(u, "worker.service");
        assertFalse(worker.contains("ExecStartPost"), worker);
        assertTrue(worker.contains("\nStartLimitIntervalSec=120s\nStartLimitBurst=1\n"), worker);
        assertTrue(unit(u, "logged.service").contains("# health.log has no systemd equivalent"));
        assertTrue(unit(u, "cache.service").contains("\nExecStartPost=/bin/sh -c \"until (bash -c 'exec 3<>/dev/tcp/localhost/6379'"
                + " 2>/dev/null || nc -z localhost 6379 || exit 1) >/dev/null 2>&1; do sleep 0.5; done\"\nTimeoutStartSec=60s\n"),
                unit(u, "cache.service"));
    }

    @Test
    void aLineBreakInTheProjectNameCannotAddADirective() {
        Manifest m = ExportFixture.manifest(dir, """
                project = "x\\nExecStartPre=/bin/sh -c evil\\r\\u0085\\u2028y"
                services { api { command = ["/bin/true"], port = 8000 } }
                """);
        SystemdExport.Units u = render(m);
        for (var f : u.files().entrySet()) {
            String text = f.getValue();
            assertFalse(text.contains("\nExecStartPre=/bin/sh -c evil"), f.getKey() + ":\n" + text);
            for (char c : text.toCharArray()) {
                assertTrue(c == '\n' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c <= 0x9f) && c != '\u2028'),
                        f.getKey() + " holds control character " + (int) c + ":\n" + text);
            }
        }
        assertTrue(unit(u, "api.service").contains("\nDescription=x ExecStartPre=/bin/sh -c evil y: api\n"), unit(u, "api.service"));
        assertEquals("x-ExecStartPre--bin-sh--c-evil---y.target", u.target());
        assertEquals("a-b.target", SystemdExport.targetName("a:b"), "systemd-analyze verify fails on a file name with :");
    }

    @Test
    void aLineBreakInADirOrEnvFilePathIsBadInputNamingServiceAndKey() {
        Manifest m = ExportFixture.manifest(dir, """
                services { api { command = ["/bin/true"], dir = "a\\nWorkingDirectory=/etc" } }
                """);
        DevLaunchException e = assertThrows(DevLaunchException.class, () -> render(m));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("service api: dir is \"") && e.getMessage().contains("a\\nWorkingDirectory=/etc\""),
                e.getMessage());
        Manifest f = ExportFixture.manifest(dir, """
                services { api { command = ["/bin/true"], env-file = "x\\r.env" } }
                """);
        DevLaunchException ef = assertThrows(DevLaunchException.class, () -> render(f));
        assertTrue(ef.getMessage().startsWith("service api: env-file is \"") && ef.getMessage().contains("x\\r.env\""), ef.getMessage());
    }

    @Test
    void aStringCommandsProgramIsResolvedFromTheProjectsVirtualenvOrSaidToBeMissing() throws Exception {
        java.nio.file.Path bin = TestFiles.write(dir.resolve(".venv/bin/missing-gunicorn"), "#!/bin/sh\nexit 0\n");
        java.nio.file.Files.setPosixFilePermissions(bin, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        TestFiles.write(dir.resolve("launcher.conf"), "project = p\nservices {\n  web { command = \"PORT=1 missing-gunicorn app:app\" }\n"
                + "  other { command = \"missing-tool --flag\" }\n}\n");
        SystemdExport.Units u = render(io.devlaunch.manifest.ManifestLoader.load(dir.resolve("launcher.conf")));
        assertTrue(unit(u, "web.service").contains("ExecStart=/bin/sh -c \"PORT=1 /ROOT/.venv/bin/missing-gunicorn app:app\""),
                unit(u, "web.service"));
        assertTrue(unit(u, "other.service").contains("ExecStart=/bin/sh -c \"missing-tool --flag\""), unit(u, "other.service"));
        assertEquals(1, u.notes().size(), u.notes().toString());
        assertTrue(u.notes().get(0).startsWith("other: missing-tool is not on this PATH"), u.notes().toString());
    }
}
