package io.devlaunch.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.ServiceSpec;
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
}
