package io.devlaunch.output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The run's log files, their size limits, and the one thread that flushes what a pump left
 * buffered a moment after it wrote — so a quiet service's last lines reach the disk, and no thread
 * wakes while nothing is written. The pumps write the files themselves; flushing is off them only
 * to keep their writes batched.
 */
public final class LogFiles implements AutoCloseable {
    static final long FLUSH_AFTER_MILLIS = 100;

    private final Path dir;
    private final long maxSize;
    private final int keep;
    private final List<LogFile> files = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor flusher = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "devlaunch-log-flush");
        t.setDaemon(true);
        return t;
    });

    public LogFiles(Path dir, long maxSize, int keep) {
        this.dir = dir;
        this.maxSize = maxSize;
        this.keep = keep;
        flusher.setRemoveOnCancelPolicy(true);
    }

    /** {@code DIR/NAME.log}, appended to. @param warn told once when the file can no longer be written */
    public LogFile open(String name, Consumer<String> warn) throws IOException {
        LogFile[] made = new LogFile[1];
        LogFile f = new LogFile(dir.resolve(name + ".log"), maxSize, keep, () -> flushLater(made[0]), warn);
        made[0] = f;
        files.add(f);
        return f;
    }

    private void flushLater(LogFile f) {
        try {
            flusher.schedule(f::flush, FLUSH_AFTER_MILLIS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.flush();          // closing: write it now
        }
    }

    /** Everything buffered, on disk now. */
    public void flushAll() {
        files.forEach(LogFile::flush);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        files.forEach(LogFile::close);
    }
}
