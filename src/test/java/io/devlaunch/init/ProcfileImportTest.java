package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.manifest.RestartPolicy;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcfileImportTest {
    @TempDir
    Path dir;

    @Test
    void railsProcfileDevWinsOverTheProductionProcfileAndUsesTheUpRoute() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("rails", dir));
        assertTrue(i.text().startsWith("# Written by `devlaunch init` from Procfile.dev: 2 processes."), i.text());
        assertTrue(i.has("web-port = 3000"), i.text());
        assertTrue(i.has("css-port = 5100"), "foreman's second port, in file order\n" + i.text());
        assertTrue(i.has("command = \"bin/rails server -p 3000\""), i.text());
        assertTrue(i.has("port = ${vars.web-port} # guessed: named in the command, -p 3000 — change it there too if you change vars.web-port"), i.text());
        assertTrue(i.has("health.http = \"http://localhost:\"${vars.web-port}\"/up\""), i.text());
        assertTrue(i.text().contains("rails/health#show"), "says why /up\n" + i.text());
        assertTrue(i.has("command = \"bin/rails tailwindcss:watch\""), i.text());
        assertTrue(i.text().contains("Procfile (web, release) was not used: Procfile.dev comes first"), i.text());
        assertTrue(!i.text().contains("package.json (") , "its package.json has no dev script: not worth a note\n" + i.text());

        ServiceSpec web = i.manifest().services().get("web");
        assertEquals(List.of(3000), web.ports());
        assertEquals(Map.of("PORT", "3000"), web.env());
        assertEquals(HealthSpec.Kind.HTTP, web.health().orElseThrow().kind());
        assertEquals("http://localhost:3000/up", web.health().orElseThrow().target());
        ServiceSpec css = i.manifest().services().get("css");
        assertEquals(List.of(), css.ports());
        assertEquals("5100", css.env().get("PORT"), "foreman gives every process a PORT");
        assertTrue(css.health().isEmpty(), "nothing listens: ready after the settle time");
        assertTrue(css.command().isShell(), "a Procfile line runs through the shell");
    }

    /** The comments say where each port came from, and which edit moves it: vars alone, or the command too. */
    @Test
    void portsReadFromTheProjectAreSaidToBeSoAndAFallbackFromPortFollowsVars() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "web: node index.js\napi: gunicorn -b 127.0.0.1:5500 api:app\nclock: python3 clock.py\n");
        TestFiles.write(dir.resolve("index.js"), "require('http').createServer().listen(process.env.PORT || 5006)\n");
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertTrue(i.has("# PORT for each process, the one its command or the file it runs names, else handed out as foreman does"
                + " (5000, 5100, … in Procfile order): change a port here and everything that uses it follows (except a command that"
                + " names its port itself: its comment says so; change it there too)."), i.text());
        assertTrue(i.has("port = ${vars.web-port} # guessed: it listens on $PORT, set from vars.web-port; without it,"
                + " process.env.PORT || 5006 in index.js"), "index.js reads PORT: editing vars is enough\n" + i.text());
        assertTrue(i.has("port = ${vars.api-port} # guessed: named in the command, -b 127.0.0.1:5500 — change it there too if you"
                + " change vars.api-port"), i.text());
        assertTrue(i.has("clock-port = 5200"), i.text());

        TestFiles.write(dir.resolve("Procfile"), "web: node index.js\n");
        InitFixture.Imported node = InitFixture.importFrom(dir);
        assertTrue(node.has("# PORT for each process, the one its command or the file it runs names: change a port here and everything"
                + " that uses it follows."), "no foreman numbers, nothing pinned\n" + node.text());
    }

    @Test
    void djangoCeleryProcfileHandsOutPortsInOrderAndLoadsTheEnvFile() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("django-celery", dir));
        assertTrue(i.has("release-port = 5000") && i.has("web-port = 5100") && i.has("worker-port = 5200") && i.has("beat-port = 5300"), i.text());
        assertTrue(i.has("env-file = \".env\""), i.text());
        assertTrue(i.has("env { PORT = ${vars.web-port} }"), i.text());
        assertTrue(i.has("port = ${vars.web-port} # guessed: the command listens on $PORT"), i.text());
        assertTrue(i.text().contains("Django has no standard health route"), "TCP, and why\n" + i.text());
        assertTrue(i.has("restart = no"), "Heroku's release phase runs once\n" + i.text());
        assertTrue(i.text().contains("# PORT for each process, handed out as foreman does (5000, 5100, … in Procfile order): change a port"
                + " here and everything that uses it follows.\n"), i.text());

        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("release", "web", "worker", "beat"), List.copyOf(s.keySet()));
        assertEquals(List.of(5100), s.get("web").ports());
        assertEquals(HealthSpec.Kind.TCP, s.get("web").health().orElseThrow().kind(), "the implicit check on its port");
        assertEquals(RestartPolicy.NO, s.get("release").restart());
        assertEquals(List.of(dir.resolve(".env").toAbsolutePath()), s.get("worker").envFiles());
        assertTrue(s.get("worker").ports().isEmpty() && s.get("beat").ports().isEmpty(), i.text());
        assertEquals("python manage.py runserver 0.0.0.0:$PORT", s.get("web").command().shellLine(), "kept as written: $PORT expands in the shell");
    }

    @Test
    void theHerokuRailsProcfileAloneGivesPumaForemansPortAndReleaseRunsOnce() throws Exception {
        InitFixture.copy("rails", dir);
        java.nio.file.Files.delete(dir.resolve("Procfile.dev"));
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of(5000), i.manifest().services().get("web").ports(), "puma reads PORT (config/puma.rb)\n" + i.text());
        assertEquals(RestartPolicy.NO, i.manifest().services().get("release").restart());
        assertTrue(i.manifest().services().get("release").ports().isEmpty());
    }

    @Test
    void gunicornBindingPortListensOnTheForemanPort() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("flask", dir));
        ServiceSpec web = i.manifest().services().get("web");
        assertEquals(List.of(5000), web.ports());
        assertEquals("5000", web.env().get("PORT"));
        assertTrue(!i.text().contains("env-file"), "no .env beside it, no env-file\n" + i.text());
        assertEquals("web: port 5000 (the command listens on $PORT); health: TCP connect to 5000", i.result().guessed().get(0));
    }

    @Test
    void namesAreMadeToFitAndOddLinesAreSkippedWithANote() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), """
                # processes
                web.1: python3 -m http.server $PORT
                _tmp: sleep 100
                this line is not a process

                web-1: sleep 5
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of("web-1", "tmp", "web-1-2"), List.copyOf(i.manifest().services().keySet()));
        assertTrue(i.result().review().contains("Procfile:2 process 'web.1' is service 'web-1' (service names use letters, digits, '-' and '_')"),
                i.result().review().toString());
        assertTrue(i.result().review().contains("Procfile:4 skipped (not `name: command`): this line is not a process"), i.result().review().toString());
        assertEquals(List.of(5000), i.manifest().services().get("web-1").ports());
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreRead() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "\uFEFF1: python3 -m http.server $PORT\r\ntrue: sleep 5\r\n");
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of("1", "true"), List.copyOf(i.manifest().services().keySet()), i.text());
        assertEquals(List.of(5000), i.manifest().services().get("1").ports(), "names HOCON would misread are quoted\n" + i.text());
        assertEquals("sleep 5", i.manifest().services().get("true").command().shellLine());
    }

    @Test
    void twoProcessesOnOnePortAreNotBothWritten() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), """
                api: uvicorn main:app --port 8000
                docs: python3 -m http.server 8000
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of(8000), i.manifest().services().get("api").ports());
        assertEquals(List.of(), i.manifest().services().get("docs").ports());
        assertTrue(i.text().contains("# review: docs: port 8000 (named in the command, http.server 8000"), i.text());
        assertTrue(i.text().contains("is api's too; not written for docs"), i.text());
    }

    @Test
    void aFrontendWhoseCommandNamesTheApiPortStartsAfterIt() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), """
                web: VITE_API_URL=http://localhost:5100 vite --port $PORT
                api: flask run --port $PORT
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of("api"), i.manifest().services().get("web").dependsOn());
        assertTrue(i.text().contains("depends-on = [api]    # guessed: its command (VITE_API_URL=http://localhost:5100) names localhost:5100, which api owns"), i.text());
        assertEquals(List.of(5100), i.manifest().services().get("api").ports());
    }
}
