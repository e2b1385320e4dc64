package io.devlaunch.watch;

import static io.devlaunch.watch.WatchFixture.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two ways a watch is bounded: the OS's watch limit, and the cap on an endless burst. */
class LimitsTest {
    @TempDir Path dir;
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final WatchFixture seen = new WatchFixture();

    /** The kernel refuses every folder after the first {@code allowed}, as ENOSPC does. */
    static Folders.Registrar refusingAfter(int allowed) {
        AtomicInteger n = new AtomicInteger();
        return (service, dir) -> {
            if (n.incrementAndGet() > allowed) throw new IOException("User limit of inotify watches reached");
            return Folders.OS.register(service, dir);
        };
    }

    @Test
    void theInotifyLimitWarnsOnceAndPollsTheRest() throws IOException {
        for (int i = 0; i < 10; i++) write(dir.resolve("app/d" + i + "/f.py"), "x");
        write(dir.resolve("lib/l.py"), "x");
        try (FileWatcher watcher = new FileWatcher(warnings::add, refusingAfter(3), Duration.ofMillis(200))) {
            WatchPlan plan = WatchPlan.of(dir, List.of("app")).debounce(WatchFixture.FAST);
            Watching w = watcher.watch(plan, seen);
            Watching other = watcher.watch(WatchPlan.of(dir, List.of("lib")).debounce(WatchFixture.FAST), seen);
            assertEquals(3, w.watchedFolders());
            assertEquals(8, w.polledFolders(), "the 8 folders the kernel refused");
            assertEquals(1, other.polledFolders());
            assertEquals(1, warnings.size(), "one warning per run, not per folder: " + warnings);
            String msg = warnings.get(0);
            assertTrue(msg.contains("fs.inotify.max_user_watches"), msg);
            assertTrue(msg.contains("sudo sysctl fs.inotify.max_user_watches=524288"), msg);
            assertTrue(msg.contains("/etc/sysctl.d/"), msg);
            assertTrue(msg.contains("checks the other folders for changes every"), msg);
            // Every folder still reports changes: some by inotify, the rest by polling.
            for (int i = 0; i < 10; i++) write(dir.resolve("app/d" + i + "/f.py"), "changed " + i);
            write(dir.resolve("app/d9/new.py"), "x");
            write(dir.resolve("lib/l.py"), "changed");
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.all().size() == 12);
            assertTrue(seen.all().contains("app/d9/new.py"));
            assertTrue(seen.all().contains("lib/l.py"));
            // Deleting works the same whether the folder was watched or polled.
            int before = seen.count();
            WatchFixture.deleteTree(dir.resolve("app/d9"));
            WatchFixture.deleteTree(dir.resolve("app/d0"));
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.batches.subList(before, seen.count()).stream()
                    .flatMap(b -> b.paths().stream()).toList().containsAll(List.of("app/d9/f.py", "app/d0/f.py")));
        }
    }

    @Test
    void anEndlessBurstIsStillDeliveredEveryMaxDelay() throws Exception {
        write(dir.resolve("app/a.py"), "0");
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (FileWatcher watcher = FileWatcher.start(warnings::add)) {
            watcher.watch(WatchPlan.of(dir, List.of("app"))
                    .debounce(Duration.ofMillis(300)).maxDelay(Duration.ofMillis(800)), seen);
            AtomicInteger i = new AtomicInteger();
            long started = System.nanoTime();
            // A write every 50 ms never leaves the 300 ms of quiet that debounce waits for.
            writer.scheduleAtFixedRate(() -> write(dir.resolve("app/a.py"), "" + i.incrementAndGet()),
                    0, 50, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.count() >= 3);
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(elapsedMs < 3_500, "three capped batches in " + elapsedMs + " ms");
            assertTrue(elapsedMs >= 3 * 800 - 200, "not faster than the cap: " + elapsedMs + " ms");
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
