package io.devlaunch.watch;

import static io.devlaunch.watch.WatchFixture.FAST;
import static io.devlaunch.watch.WatchFixture.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {
    @TempDir Path dir;
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final WatchFixture seen = new WatchFixture();
    FileWatcher watcher;

    @BeforeEach
    void start() throws IOException {
        watcher = FileWatcher.start(warnings::add);
    }

    @AfterEach
    void stop() {
        watcher.close();
    }

    private Watching watch(String... entries) {
        return watcher.watch(WatchPlan.of(dir, List.of(entries)).debounce(FAST), seen);
    }

    /** Nothing more arrives for a while: Awaitility's during(), not a sleep. */
    private void quietFor(Duration d, int expectedBatches) {
        await().during(d).atMost(d.plusSeconds(3)).until(() -> seen.count() == expectedBatches);
    }

    @Test
    void aChangeIsDelivered() {
        write(dir.resolve("app/main.py"), "1");
        watch("app");
        write(dir.resolve("app/main.py"), "2");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.count() == 1);
        assertEquals(Set.of("app/main.py"), seen.batches.get(0).paths());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aBurstOf500FilesIsOneBatch() throws IOException {
        Files.createDirectories(dir.resolve("app/pkg"));
        watcher.watch(WatchPlan.of(dir, List.of("app")), seen); // the default 200 ms debounce
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 500; i++) {
            // Most into one folder: more events than the JDK queues per key (512), so an OVERFLOW
            // is likely and the rescan must still name every file.
            String rel = (i % 5 == 0 ? "app/pkg/f" : "app/f") + i + ".py";
            write(dir.resolve(rel), "x");
            expected.add(rel);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.count() >= 1);
        quietFor(Duration.ofMillis(600), 1);
        assertEquals(expected, seen.batches.get(0).paths());
        assertTrue(seen.batches.get(0).summary().endsWith("and 497 more"));
    }

    @Test
    void ignoredFoldersAndEditorFilesAreQuiet() {
        write(dir.resolve("app/node_modules/left-pad/index.js"), "1");
        Watching w = watch("app");
        assertEquals(1, w.watchedFolders(), "node_modules is never registered");
        write(dir.resolve("app/node_modules/left-pad/index.js"), "2");
        write(dir.resolve("app/__pycache__/main.cpython-311.pyc"), "x"); // a new ignored folder
        write(dir.resolve("app/.main.py.swp"), "x");
        write(dir.resolve("app/.main.py.swx"), "x");
        write(dir.resolve("app/main.py~"), "x");
        write(dir.resolve("app/.#main.py"), "x");
        write(dir.resolve("app/4913"), "x");
        write(dir.resolve("app/x.pyc"), "x");
        write(dir.resolve("app/.git/HEAD"), "x");
        write(dir.resolve("app/target/classes/A.class"), "x");
        quietFor(Duration.ofMillis(500), 0);
        assertEquals(1, w.watchedFolders());
        // Still alive: a real change after the noise is seen, alone.
        write(dir.resolve("app/main.py"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.count() == 1);
        assertEquals(Set.of("app/main.py"), seen.batches.get(0).paths());
    }

    @Test
    void aFolderCreatedAfterStartIsWatched() throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Watching w = watch("app");
        // Written right after mkdir, before the watcher can have registered the folder: the scan
        // after registering finds it.
        Files.createDirectories(dir.resolve("app/new/deeper"));
        write(dir.resolve("app/new/deeper/a.py"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("app/new/deeper/a.py"));
        await().atMost(Duration.ofSeconds(5)).until(() -> w.watchedFolders() == 3);
        int before = seen.count();
        write(dir.resolve("app/new/deeper/b.py"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.count() > before);
        assertEquals(Set.of("app/new/deeper/b.py"), seen.batches.get(seen.count() - 1).paths());
    }

    @Test
    void aDeletedFolderIsDroppedAndItsReturnIsSeen() throws IOException {
        write(dir.resolve("app/old/sub/a.py"), "x");
        write(dir.resolve("app/keep.py"), "x");
        Watching w = watch("app");
        assertEquals(3, w.watchedFolders());
        WatchFixture.deleteTree(dir.resolve("app/old"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("app/old"));
        await().atMost(Duration.ofSeconds(5)).until(() -> w.watchedFolders() == 1);
        // The whole watched entry goes, then comes back: its parent was watched meanwhile.
        WatchFixture.deleteTree(dir.resolve("app"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("app/keep.py"));
        write(dir.resolve("app/back.py"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("app/back.py"));
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void gitignoreRulesApply() throws IOException {
        write(dir.resolve(".gitignore"), "# generated\n*.log\n!keep.log\ngenerated/\n/out\n**/cache/*.bin\n");
        Files.createDirectories(dir.resolve("app/generated"));
        Watching w = watch("app", "out", "docs");
        write(dir.resolve("app/server.log"), "x");
        write(dir.resolve("app/generated/models.py"), "x");
        write(dir.resolve("app/cache/blob.bin"), "x");
        write(dir.resolve("app/keep.log"), "x");
        write(dir.resolve("docs/out/page.html"), "x"); // "/out" is anchored: docs/out is not ignored
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("docs/out/page.html"));
        quietFor(Duration.ofMillis(300), seen.count());
        assertEquals(Set.of("app/keep.log", "docs/out/page.html"), seen.all());
        // base (waiting for the missing "out"), app, app/cache, docs, docs/out; never app/generated.
        assertEquals(5, w.watchedFolders());
    }

    @Test
    void aGlobWatchesOnlyMatchingFiles() {
        write(dir.resolve("src/pkg/deep/b.py"), "x");
        write(dir.resolve("other/x.py"), "x");
        Watching w = watch("src/**/*.py", "*.toml");
        write(dir.resolve("src/a.py"), "x");
        write(dir.resolve("src/pkg/deep/b.py"), "y");
        write(dir.resolve("src/notes.txt"), "x");
        write(dir.resolve("pyproject.toml"), "x");
        write(dir.resolve("other/x.py"), "y");
        write(dir.resolve("other/y.toml"), "y");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().size() >= 3);
        quietFor(Duration.ofMillis(300), seen.count());
        assertEquals(Set.of("pyproject.toml", "src/a.py", "src/pkg/deep/b.py"), seen.all());
        assertEquals(4, w.watchedFolders(), "src, src/pkg, src/pkg/deep and the base for *.toml");
    }

    @Test
    void aMissingEntryIsAProblemAndIsSeenWhenCreated() {
        assertEquals(List.of("config/app.yaml"),
                WatchPlan.missing(dir, List.of("config/app.yaml", ".")).stream().map(WatchPlan.Missing::entry).toList());
        watch("config/app.yaml");
        write(dir.resolve("config/other.yaml"), "x");
        write(dir.resolve("config/app.yaml"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().contains("config/app.yaml"));
        assertEquals(Set.of("config/app.yaml"), seen.all());
    }

    @Test
    void twoServicesShareAFolderAndOneCanLeave() throws IOException {
        Files.createDirectories(dir.resolve("shared"));
        WatchFixture other = new WatchFixture();
        int before = WatchFixture.inotifyWatches();
        Watching a = watch("shared");
        Watching b = watcher.watch(WatchPlan.of(dir, List.of("shared")).debounce(FAST), other);
        assertEquals(before + 1, WatchFixture.inotifyWatches(), "one OS watch for both services");
        a.close();
        write(dir.resolve("shared/x.txt"), "x");
        await().atMost(Duration.ofSeconds(5)).until(() -> other.count() == 1);
        assertEquals(0, seen.count(), "a closed watch gets nothing");
        assertEquals(1, b.watchedFolders());
    }

    @Test
    void aCallbackMayCallBackIn() {
        write(dir.resolve("app/a.py"), "x");
        List<Integer> folders = new CopyOnWriteArrayList<>();
        Watching[] self = new Watching[1];
        self[0] = watcher.watch(WatchPlan.of(dir, List.of("app")).debounce(FAST), batch -> {
            folders.add(self[0].watchedFolders()); // takes the watcher's lock: must not deadlock
            self[0].close();
        });
        write(dir.resolve("app/a.py"), "y");
        await().atMost(Duration.ofSeconds(5)).until(() -> folders.size() == 1);
        assertEquals(List.of(1), folders);
        assertEquals(0, self[0].watchedFolders());
    }

    @Test
    void anOverflowRescansInsteadOfLosingChanges() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        CountDownLatch stalled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Service a's callback holds the watcher thread, so b's events pile up past the JDK's 512
        // per key and it replaces them with one OVERFLOW.
        watcher.watch(WatchPlan.of(dir, List.of("a")).debounce(Duration.ofMillis(1)), batch -> {
            stalled.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        watch("b");
        write(dir.resolve("a/x"), "x");
        assertTrue(stalled.await(5, TimeUnit.SECONDS));
        Set<String> expected = new TreeSet<>();
        for (int i = 0; i < 1000; i++) {
            write(dir.resolve("b/f" + i + ".py"), "x");
            expected.add("b/f" + i + ".py");
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().size() >= 1000);
        assertEquals(expected, seen.all());
        assertTrue(watcher.overflows() > 0, "the test must really overflow");
    }

    @Test
    void closeStopsTheThreadAndReleasesTheWatches() throws IOException {
        for (int i = 0; i < 20; i++) write(dir.resolve("app/d" + i + "/f.py"), "x");
        int before = WatchFixture.inotifyWatches();
        Watching w = watch("app");
        assertEquals(21, w.watchedFolders());
        assertEquals(before + 21, WatchFixture.inotifyWatches());
        watcher.close();
        assertFalse(watcher.threadAlive());
        assertEquals(before, WatchFixture.inotifyWatches());
        write(dir.resolve("app/d1/f.py"), "y");
        quietFor(Duration.ofMillis(300), 0);
    }
}
