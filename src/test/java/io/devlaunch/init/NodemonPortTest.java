package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A script that is only {@code nodemon}: the port comes from what nodemon.json runs, or from the PORT it sets. */
class NodemonPortTest {
    @TempDir
    Path dir;

    @Test
    void theServerFileNodemonJsonExecsNamesItsPort() {
        InitFixture.Imported i = InitFixture.importFrom(InitFixture.copy("nodemon-api", dir));
        ServiceSpec api = i.manifest().services().get("notes-api");
        assertEquals(List.of(3001), api.ports(), "process.env.PORT || 3001 in server/index.js (8080 is in a comment)\n" + i.text());
        assertTrue(i.text().contains("process.env.PORT || 3001 in server/index.js"), i.text());
        assertTrue(api.health().isPresent(), "a TCP check on its port\n" + i.text());
    }

    @Test
    void envPortInNodemonJsonIsThePortTheServerGets() throws Exception {
        InitFixture.copy("nodemon-api", dir);
        TestFiles.write(dir.resolve("nodemon.json"), """
                {"exec": "node server/index.js", "env": {"NODE_ENV": "development", "PORT": 4000}}
                """);
        InitFixture.Imported i = InitFixture.importFrom(dir);
        assertEquals(List.of(4000), i.manifest().services().get("notes-api").ports(), i.text());
        assertTrue(i.text().contains("env.PORT 4000 in nodemon.json"), i.text());
    }

    @Test
    void withoutNodemonJsonTheConfigInPackageJsonOrItsMainCounts() throws Exception {
        InitFixture.copy("nodemon-api", dir);
        Files.delete(dir.resolve("nodemon.json"));
        InitFixture.Imported main = InitFixture.importFrom(dir);
        assertEquals(List.of(3001), main.manifest().services().get("notes-api").ports(), "package.json main is nodemon's script\n" + main.text());

        TestFiles.write(dir.resolve("package.json"), """
                {"name": "notes-api", "scripts": {"dev": "nodemon"}, "nodemonConfig": {"env": {"PORT": "4100"}}}
                """);
        InitFixture.Imported config = InitFixture.importFrom(dir);
        assertEquals(List.of(4100), config.manifest().services().get("notes-api").ports(), config.text());
        assertTrue(config.text().contains("env.PORT 4100 in package.json nodemonConfig"), config.text());
    }

    @Test
    void aScriptOnTheCommandLineOrAConfigFileNamedByConfigWins() throws Exception {
        Detect detect = new Detect(new ProjectFiles(InitFixture.copy("nodemon-api", dir)));
        TestFiles.write(dir.resolve("other.js"), "require('http').createServer().listen(process.env.PORT ?? '7001')\n");
        assertEquals(7001, detect.of("nodemon -w server other.js").port(), "-w's value is no script");
        TestFiles.write(dir.resolve("config/dev.json"), "{\"script\": \"other.js\"}\n");
        Detection d = detect.of("nodemon --config config/dev.json");
        assertEquals(7001, d.port());
        assertEquals("process.env.PORT ?? '7001' in other.js", d.portSource());
        assertEquals(3001, detect.of("nodemon").port(), "nodemon.json's exec");
        assertEquals(null, detect.of("nodemon --exec 'python3 app.py'").port(), "an exec without a script runs alone: main is not it");

        TestFiles.write(dir.resolve("nodemon.json"), "{ \"env\": { \"PORT\": \"http\" }, \"exec\": \"node {{pwd}}/x.js\"\n");
        assertEquals(3001, detect.of("nodemon").port(), "a nodemon.json that is not JSON is no evidence: package.json main is the script");
        TestFiles.write(dir.resolve("nodemon.json"), "{\"env\": {\"PORT\": \"$PORT\"}, \"exec\": \"ts-node --files\"}\n");
        assertEquals(null, detect.of("nodemon").port(), "no number in env.PORT, and an exec naming no file runs alone");
    }
}
