package io.devlaunch.watch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Set-up cost and idle cost of watching a 50,000-file tree (5,000 folders x 10 files, made in a
 * temp folder): wall time and heap to set up, classes loaded, OS watches, CPU while idle, and the
 * latency from a write to its batch. Run in a fresh JVM so class loading counts:
 * {@code java -cp target/classes:target/test-classes io.devlaunch.watch.WatchBenchMain [folders] [idleSeconds]}
 */
public final class WatchBenchMain {
    public static void main(String[] args) throws Exception {
        int folders = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path root = Files.createTempDirectory("devlaunch-watch-bench");
        try {
            for (int d = 0; d < folders; d++) {
                // 50 top folders of 100 each: a shape like a real source tree, not one flat folder.
                Path dir = Files.createDirectories(root.resolve("src/m" + d / 100 + "/p" + d));
                for (int f = 0; f < 10; f++) Files.writeString(dir.resolve("f" + f + ".py"), "x = 1\n");
            }
            Files.createDirectories(root.resolve("node_modules/big")); // ignored: must cost nothing
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            int classesBefore = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            System.gc();
            long heapBefore = mem.getHeapMemoryUsage().getUsed();
            BlockingQueue<ChangeBatch> batches = new ArrayBlockingQueue<>(100);

            long t0 = System.nanoTime();
            FileWatcher watcher = FileWatcher.start(w -> System.out.println("warning: " + w));
            Watching w = watcher.watch(WatchPlan.of(root, List.of("src")), batches::add);
            long setupMs = (System.nanoTime() - t0) / 1_000_000;

            int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() - classesBefore;
            System.gc();
            long heapMb = (mem.getHeapMemoryUsage().getUsed() - heapBefore) / (1024 * 1024);
            System.out.printf("tree: %d folders, %d files%n", folders, folders * 10);
            System.out.printf("setup: %d ms, +%d MB heap (after GC), %d classes loaded, %d folders watched, %d OS watches%n",
                    setupMs, heapMb, classes, w.watchedFolders(), WatchFixture.inotifyWatches());

            long watcherThread = threadId("devlaunch-watch");
            long cpu0 = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
            long thr0 = threads.getThreadCpuTime(watcherThread);
            long wall0 = System.nanoTime();
            // Idle: nothing is written; the watcher thread should sit in take() on inotify's fd.
            TimeUnit.SECONDS.sleep(idleSeconds);
            long wall = System.nanoTime() - wall0;
            long cpu = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime() - cpu0;
            long thr = threads.getThreadCpuTime(watcherThread) - thr0;
            System.out.printf("idle %d s: watcher thread %.3f ms CPU, whole JVM %.1f ms CPU (%.3f%% of one core)%n",
                    idleSeconds, thr / 1e6, cpu / 1e6, 100.0 * cpu / wall);

            long[] lat = new long[20];
            for (int i = 0; i < lat.length; i++) {
                Path f = root.resolve("src/m" + i + "/p" + i * 100 + "/f0.py");
                long s = System.nanoTime();
                Files.writeString(f, "x = " + i + "\n");
                ChangeBatch b = batches.poll(5, TimeUnit.SECONDS);
                lat[i] = (System.nanoTime() - s) / 1_000_000;
                if (b == null) throw new IllegalStateException("no batch for " + f);
            }
            java.util.Arrays.sort(lat);
            System.out.printf("write -> batch: median %d ms, max %d ms (debounce %d ms)%n",
                    lat[lat.length / 2], lat[lat.length - 1], WatchPlan.DEFAULT_DEBOUNCE.toMillis());
            watcher.close();
        } finally {
            WatchFixture.deleteTree(root);
        }
    }

    private static long threadId(String name) {
        for (Thread t : Thread.getAllStackTraces().keySet()) if (t.getName().equals(name)) return t.getId();
        throw new IllegalStateException("no thread " + name);
    }
}
