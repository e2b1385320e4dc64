package io.devlaunch.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Globs, the .gitignore subset, entry resolution and the batch summary: no watching involved. */
class RulesTest {
    @TempDir Path dir;

    private static boolean glob(String glob, String path) {
        return Glob.compile(glob).matcher(path).matches();
    }

    @Test
    void globsMatchLikeGitignore() {
        assertTrue(glob("src/**/*.py", "src/a.py"), "** may be no folder at all");
        assertTrue(glob("src/**/*.py", "src/x/y/a.py"));
        assertFalse(glob("src/**/*.py", "src/a.pyc"));
        assertFalse(glob("*.toml", "sub/a.toml"), "* stays within one segment");
        assertTrue(glob("**/cache", "a/b/cache"));
        assertTrue(glob("**/cache", "cache"));
        assertTrue(glob("gen/**", "gen/a/b"));
        assertFalse(glob("gen/**", "gen"));
        assertTrue(glob("f?le[0-9].[!c]s", "file1.ts"));
        assertFalse(glob("f?le[0-9].[!c]s", "file1.cs"));
        assertTrue(glob("a\\*b", "a*b"));
        assertFalse(glob("a\\*b", "axb"));
        assertFalse(Glob.isGlob("app/main.py"));
        assertTrue(Glob.isGlob("app/*.py"));
    }

    @Test
    void builtInsGitignoreAndWatchIgnoreInThatOrder() throws IOException {
        Path gi = Files.writeString(dir.resolve(".gitignore"),
                "# comment\n\n*.log\n!keep.log\nbuild-output/\n/anchored\ndocs/*.html\n**/tmp/*.bin\n");
        IgnoreRules r = IgnoreRules.of(dir.resolve("svc"), gi, List.of("gen/**", "!build/"));
        Path svc = dir.resolve("svc");
        assertTrue(r.ignored(svc.resolve("node_modules"), true));
        assertTrue(r.ignored(svc.resolve("a/b/__pycache__"), true));
        assertFalse(r.ignored(svc.resolve("node_modules"), false), "a file named like a folder rule is not ignored");
        assertTrue(r.ignored(svc.resolve(".main.py.swp"), false));
        assertTrue(r.ignored(svc.resolve("notes~"), false));
        assertTrue(r.ignored(svc.resolve(".#main.py"), false));
        assertTrue(r.ignored(svc.resolve("4913"), false));
        assertTrue(r.ignored(dir.resolve("x/server.log"), false));
        assertFalse(r.ignored(dir.resolve("x/keep.log"), false), "negation");
        assertTrue(r.ignored(dir.resolve("svc/build-output"), true));
        assertTrue(r.ignored(dir.resolve("anchored"), true));
        assertFalse(r.ignored(dir.resolve("svc/anchored"), true), "/anchored is relative to the .gitignore");
        assertTrue(r.ignored(dir.resolve("docs/a.html"), false));
        assertFalse(r.ignored(dir.resolve("docs/sub/a.html"), false));
        assertTrue(r.ignored(dir.resolve("a/b/tmp/x.bin"), false));
        assertTrue(r.ignored(svc.resolve("gen/models.py"), false), "watch-ignore is relative to the service");
        assertFalse(r.ignored(svc.resolve("build"), true), "watch-ignore can take back a built-in");
        assertTrue(r.ignored(svc.resolve("dist"), true));
    }

    @Test
    void entriesResolveToRootsAndDepths() {
        WatchPlan.Target glob = WatchPlan.target(dir, "src/**/*.py");
        assertEquals(dir.resolve("src"), glob.root());
        assertEquals(Integer.MAX_VALUE, glob.maxDepth());
        WatchPlan.Target toml = WatchPlan.target(dir, "*.toml");
        assertEquals(dir, toml.root());
        assertEquals(0, toml.maxDepth(), "*.toml needs the base folder only");
        assertEquals(1, WatchPlan.target(dir, "src/*/x.py").maxDepth());
        WatchPlan.Target literal = WatchPlan.target(dir, "./app/");
        assertEquals(dir.resolve("app"), literal.root());
        assertTrue(literal.literal());
    }

    @Test
    void missingEntriesNameWhatIsWatchedInstead() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        List<WatchPlan.Missing> m = WatchPlan.missing(dir, List.of("app", "app/gone/x.py", "lib/**/*.py", "*.toml"));
        assertEquals(List.of("app/gone/x.py", "lib/**/*.py"), m.stream().map(WatchPlan.Missing::entry).toList());
        assertEquals(dir.resolve("app"), m.get(0).watchedInstead());
        assertTrue(m.get(1).message().contains("does not exist"), m.get(1).message());
    }

    @Test
    void summaryNamesThreeThenCounts() {
        assertEquals("a.py", new ChangeBatch(new TreeSet<>(Set.of("a.py"))).summary());
        assertEquals("a.py and b.py", new ChangeBatch(new TreeSet<>(Set.of("b.py", "a.py"))).summary());
        assertEquals("a, b and c", new ChangeBatch(new TreeSet<>(Set.of("c", "b", "a"))).summary());
        assertEquals("a, b, c and 2 more", new ChangeBatch(new TreeSet<>(Set.of("e", "d", "c", "b", "a"))).summary());
    }
}
