package io.devlaunch.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's files: each module is served as JavaScript, every import names a served file, nothing else is served. */
class StaticFilesTest {
    private static final Pattern IMPORT = Pattern.compile("^import \\{[^}]*\\} from '\\./([\\w.-]+)';$", Pattern.MULTILINE);
    private static final Pattern ANY_IMPORT = Pattern.compile("^\\s*import\\b", Pattern.MULTILINE);

    private final StaticFiles files = new StaticFiles();

    private String text(String path) throws Exception {
        Optional<StaticFiles.File> f = files.get(path);
        assertTrue(f.isPresent(), path + " is served");
        return new String(f.get().body(), StandardCharsets.UTF_8);
    }

    @Test
    void everyModuleIsServedAsJavaScriptAndTheRestWithTheirTypes() throws Exception {
        for (String module : StaticFiles.MODULES) {
            assertEquals("text/javascript; charset=utf-8", files.get("/" + module).orElseThrow().type(), module);
        }
        assertEquals("text/html; charset=utf-8", files.get("/").orElseThrow().type());
        assertEquals("text/html; charset=utf-8", files.get("/index.html").orElseThrow().type());
        assertEquals("text/css; charset=utf-8", files.get("/app.css").orElseThrow().type());
        assertTrue(text("/").contains("<script type=\"module\" src=\"/app.js\"></script>"), "the page loads app.js as a module");
    }

    @Test
    void everyImportNamesAServedModuleAndEveryModuleIsImported() throws Exception {
        Set<String> imported = new TreeSet<>(List.of("app.js"));   // the page's entry point
        for (String module : StaticFiles.MODULES) {
            String js = text("/" + module);
            Matcher m = IMPORT.matcher(js);
            int count = 0;
            while (m.find()) {
                count++;
                assertTrue(StaticFiles.MODULES.contains(m.group(1)), module + " imports " + m.group(1) + ", which is not served");
                imported.add(m.group(1));
            }
            assertEquals(ANY_IMPORT.matcher(js).results().count(), count, module + ": every import is a plain './x.js' one");
        }
        assertEquals(new TreeSet<>(StaticFiles.MODULES), imported, "no module is served that nothing loads");
    }

    @Test
    void everyScriptInTheResourcesIsOnTheList() throws Exception {
        Path dir = Path.of(StaticFiles.class.getResource("app.js").toURI()).getParent();
        try (Stream<Path> list = Files.list(dir)) {
            Set<String> scripts = new TreeSet<>(list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".js")).toList());
            assertEquals(new TreeSet<>(StaticFiles.MODULES), scripts, "a script the page imports must be added to StaticFiles.MODULES");
        }
    }

    @Test
    void onlyTheListedPathsAreServed() throws Exception {
        for (String path : List.of("", "/app", "/APP.JS", "/./app.js", "//app.js", "/app.js/", "/app.js?x", "/../web/app.js",
                "/io/devlaunch/web/app.js", "/StaticFiles.class", "/dom", "/%61pp.js")) {
            assertTrue(files.get(path).isEmpty(), path);
        }
    }
}
