package io.devlaunch.output;

import io.devlaunch.lines.ByteSink;
import io.devlaunch.lines.LineBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code .devlaunch/logs/NAME.log}: every line, plain (escape codes removed), each with a local
 * timestamp ({@code 2026-11-25 14:03:07.123 }), written by the child's pump itself — so the file
 * keeps pace with the child whatever the console does, and only the disk can slow it. Buffered up
 * to 64 KiB; {@link LogFiles} flushes what is left a moment after the last write. Rotated by
 * rename once it passes its size limit, between batches, so no line is split across two files.
 */
public final class LogFile implements AutoCloseable {
    static final int FLUSH_AT = 64 * 1024;

    private final Path path;
    private final long maxSize;
    private final int keep;
    private final Runnable flushSoon;
    private OutputStream out;
    private long size;                   // bytes in the current file
    // Small until the service logs: a 128 kB array up front was 6 MB of heap for 50 idle services.
    private final ByteSink buffer = new ByteSink(4 * 1024);
    private final byte[] stamp = new byte[24];
    private long stampSecond = Long.MIN_VALUE;
    private final Consumer<String> warn;
    private boolean failed;
    private boolean flushDue;

    /**
     * @param flushSoon asks for one {@link #flush()} a moment from now (the file trails its child by that at most)
     * @param warn      told once, in words for the user, when the file can no longer be written
     */
    LogFile(Path path, long maxSize, int keep, Runnable flushSoon, Consumer<String> warn) throws IOException {
        Files.createDirectories(path.getParent());
        this.path = path;
        this.maxSize = maxSize;
        this.keep = keep;
        this.flushSoon = flushSoon;
        this.warn = warn;
        this.out = openOwnerOnly(path);
        this.size = Files.size(path);
        stamp(System.currentTimeMillis());      // load the time-zone data now, not on a child's first line
    }

    /** The services' output is theirs and the user's: 0600 from the first byte, and an older run's file made so. */
    private static OutputStream openOwnerOnly(Path path) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) return Files.newOutputStream(path,
                options.toArray(new StandardOpenOption[0]));
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(path, options,
                PosixFilePermissions.asFileAttribute(owner)));
        Files.setPosixFilePermissions(path, owner);
        return out;
    }

    public Path path() {
        return path;
    }

    /** {@code NAME.log.N}: the N-th newest rotated file. */
    public static Path rotated(Path current, int n) {
        return current.resolveSibling(current.getFileName() + "." + n);
    }

    public void write(LineBatch lines, long epochMillis) {
        boolean askFlush;
        synchronized (this) {
            if (failed) return;
            stamp(epochMillis);
            if (!lines.anyEscape()) {
                lines.appendEach(buffer, stamp, false);
            } else {
                for (int i = 0; i < lines.size(); i++) {
                    buffer.append(stamp);
                    lines.appendLine(i, buffer, true);
                    buffer.append((byte) '\n');
                }
            }
            if (buffer.size() >= FLUSH_AT || size + buffer.size() >= maxSize) flush();
            askFlush = buffer.size() > 0 && !flushDue;
            if (askFlush) flushDue = true;
        }
        if (askFlush) flushSoon.run();
    }

    public synchronized void flush() {
        flushDue = false;
        if (failed || buffer.size() == 0) return;
        try {
            buffer.writeTo(out);
            out.flush();
            size += buffer.size();
            if (size >= maxSize) rotate();
        } catch (IOException e) {
            // A full disk must not take the service down, and one message is enough: the console still has the lines.
            failed = true;
            warn.accept("cannot write its log file " + path.getFileName() + " (" + e.getMessage()
                    + "); its output still "
                    + "reaches this console, but no longer the file, until the next `devlaunch up`");
        }
        buffer.clear();
    }

    /** NAME.log → NAME.log.1 → … → NAME.log.KEEP, the oldest dropped: renames only, never a copy. */
    private void rotate() throws IOException {
        out.close();
        if (keep == 0) {
            Files.deleteIfExists(path);
        } else {
            for (int n = keep - 1; n >= 1; n--) {
                Path older = rotated(path, n);
                if (Files.exists(older)) Files.move(older, rotated(path, n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(path, rotated(path, 1), StandardCopyOption.REPLACE_EXISTING);
        }
        out = openOwnerOnly(path);
        size = 0;
    }

    @Override
    public synchronized void close() {
        flush();
        try {
            out.close();
        } catch (IOException ignored) {
            // nothing more to save
        }
    }

    // Formatting a date per line would be the costliest part of logging: the date part changes once a second.
    private void stamp(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != stampSecond) {
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneId.systemDefault());
            String s = pad(t.getYear(), 4) + "-" + pad(t.getMonthValue(), 2) + "-" + pad(t.getDayOfMonth(), 2) + " "
                    + pad(t.getHour(), 2) + ":" + pad(t.getMinute(), 2) + ":" + pad(t.getSecond(), 2) + ".000 ";
            System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, stamp, 0, 24);
            stampSecond = second;
        }
        int ms = (int) Math.floorMod(epochMillis, 1000);
        stamp[20] = (byte) ('0' + ms / 100);
        stamp[21] = (byte) ('0' + ms / 10 % 10);
        stamp[22] = (byte) ('0' + ms % 10);
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }
}
