package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dependencies come from what a proxy or env file does, never from what a comment says. */
class EvidenceTest {
    @TempDir
    Path dir;

    @Test
    void aCommentNamingTheFrontendsPortDoesNotMakeTheBackendDependOnIt() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("vite-express-root", dir));
        Map<String, ServiceSpec> s = i.manifest().services();
        assertEquals(List.of("backend", "frontend"), List.copyOf(s.keySet()));
        assertEquals(List.of(3000), s.get("backend").ports(), "process.env.PORT || 3000 in server/index.js\n" + i.text());
        assertEquals(List.of(5173), s.get("frontend").ports());
        assertEquals(List.of(), s.get("backend").dependsOn(), "vite.config.ts is Vite's, and its 5173 is in comments\n" + i.text());
        assertEquals(List.of("backend"), s.get("frontend").dependsOn(), "Vite proxies /ping to localhost:3000\n" + i.text());
        assertTrue(i.text().contains("vite.config.ts names localhost:3000, which backend owns"), i.text());
        assertTrue(i.text().contains("process.env.PORT || 3000 in server/index.js"), i.text());
    }

    @Test
    void commentsAreStrippedButStringsWithSlashesAreKept() {
        String js = """
                // http://localhost:5173
                const a = 'http://localhost:3000' /* localhost:4000
                   still a comment */ + "x//y"
                const re = /^\\/api\\//  // localhost:6000
                """;
        String out = Comments.stripJs(js);
        assertTrue(out.contains("'http://localhost:3000'") && out.contains("\"x//y\"") && out.contains("/^\\/api\\//"), out);
        assertTrue(!out.contains("5173") && !out.contains("4000") && !out.contains("6000"), out);
        assertEquals(js.lines().count(), out.lines().count(), "line numbers survive");

        String env = "# API at http://localhost:5000\nVITE_API=http://localhost:3000 # not localhost:4000\nURL=\"a#b\"\n";
        String e = Comments.stripHash(env);
        assertTrue(e.contains("localhost:3000") && e.contains("\"a#b\"") && !e.contains("5000") && !e.contains("4000"), e);
    }

    @Test
    void createReactAppBehindNpmStartPrefixProxiesToTheApi() throws Exception {
        TestFiles.write(dir.resolve("Procfile.dev"), "web: PORT=3000 npm start --prefix client\napi: gunicorn -b 127.0.0.1:5000 api:app\n");
        TestFiles.write(dir.resolve("client/package.json"), """
                {"name": "client", "proxy": "http://localhost:5000", "scripts": {"start": "react-scripts start", "build": "react-scripts build"}}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        ServiceSpec web = i.manifest().services().get("web");
        assertEquals(List.of(3000), web.ports(), i.text());
        assertEquals("http://localhost:3000/", web.health().orElseThrow().target(), "CRA serves index.html at /\n" + i.text());
        assertEquals(List.of("api"), web.dependsOn(), "client/package.json's proxy names the api's port\n" + i.text());
        assertEquals(List.of(), i.manifest().services().get("api").dependsOn());
    }

    @Test
    void craWithoutAPortListensOnPortEnvAndAHerokuWebProcessGetsAPort() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "web: node index.js\nworker: node worker.js\n");
        TestFiles.write(dir.resolve("index.js"), "require('http').createServer((q, r) => r.end('hi')).listen(process.env.PORT)\n");
        InitFixture.Imported i = InitFixture.importFrom(dir);
        ServiceSpec web = i.manifest().services().get("web");
        assertEquals(List.of(5000), web.ports(), i.text());
        assertEquals("5000", web.env().get("PORT"));
        assertTrue(web.health().isPresent(), "a TCP check on its port\n" + i.text());
        assertTrue(i.text().contains("Heroku's web process listens on $PORT by definition"), i.text());
        assertEquals(List.of(), i.manifest().services().get("worker").ports(), "only web is routed to");

        Path cra = dir.resolve("cra");
        TestFiles.write(cra.resolve("package.json"), "{\"name\": \"cra\", \"scripts\": {\"start\": \"react-scripts start\"}}");
        ServiceSpec app = InitFixture.importFrom(cra).manifest().services().get("cra");
        assertEquals(List.of(3000), app.ports(), "react-scripts' default");
        assertEquals("http://localhost:3000/", app.health().orElseThrow().target());
    }
}
