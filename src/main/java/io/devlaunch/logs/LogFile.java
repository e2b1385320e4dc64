package io.devlaunch.logs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code .devlaunch/logs/NAME.log}: every line, plain, each with a local timestamp
 * ({@code 2026-11-25 14:03:07.123 }). Buffered; {@link #flush()} is called by the console writer
 * when it goes idle, so the file trails the console by at most a moment.
 */
public final class LogFile implements AutoCloseable {
    private final Path path;
    private final OutputStream out;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";
    private boolean failed;

    public LogFile(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        this.path = path;
        this.out = new BufferedOutputStream(Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), 64 * 1024);
    }

    public Path path() {
        return path;
    }

    public synchronized void write(List<String> lines, long epochMillis) {
        if (failed) return;
        String stamp = stamp(epochMillis);
        try {
            StringBuilder sb = new StringBuilder(lines.size() * 64);
            for (String line : lines) sb.append(stamp).append(EscapeCodes.strip(line)).append('\n');
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            failed = true;      // a full disk must not take the service down; the console still has the lines
        }
    }

    public synchronized void flush() {
        try {
            if (!failed) out.flush();
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to save
        }
    }

    // Formatting a date per line is the costliest part of logging; reuse it within a second.
    private String stamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault());
            cachedPrefix = String.format("%04d-%02d-%02d %02d:%02d:%02d.", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            cachedSecond = second;
        }
        long ms = Math.floorMod(epochMillis, 1000);
        return cachedPrefix + (ms < 10 ? "00" : ms < 100 ? "0" : "") + ms + " ";
    }
}
