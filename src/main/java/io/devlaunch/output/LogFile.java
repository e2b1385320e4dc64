package io.devlaunch.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.Channels;
import java.util.Set;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * {@code .devlaunch/logs/NAME.log}: every line, plain (escape codes removed), each with a local
 * timestamp ({@code 2026-11-25 14:03:07.123 }). Buffered; {@link #flush()} is called by the console
 * writer when it goes idle, so the file trails the console by at most a moment.
 */
public final class LogFile implements AutoCloseable {
    private static final int FLUSH_AT = 64 * 1024;

    private final Path path;
    private final OutputStream out;
    // Small until the service logs: a 128 kB array up front was 6 MB of heap for 50 idle services.
    private final ByteSink buffer = new ByteSink(4 * 1024);
    private final byte[] stamp = new byte[24];
    private long stampSecond = Long.MIN_VALUE;
    private final Consumer<String> warn;
    private boolean failed;

    /** @param warn told once, in words for the user, when the file can no longer be written */
    public LogFile(Path path, Consumer<String> warn) throws IOException {
        Files.createDirectories(path.getParent());
        this.path = path;
        this.warn = warn;
        this.out = openOwnerOnly(path);
        stamp(System.currentTimeMillis());      // load the time-zone data now, not on a child's first line
    }

    /** The services' output is theirs and the user's: 0600 from the first byte, and an older run's file made so. */
    private static OutputStream openOwnerOnly(Path path) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) return Files.newOutputStream(path, options.toArray(new StandardOpenOption[0]));
        Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
        OutputStream out = Channels.newOutputStream(Files.newByteChannel(path, options, PosixFilePermissions.asFileAttribute(owner)));
        Files.setPosixFilePermissions(path, owner);
        return out;
    }

    public Path path() {
        return path;
    }

    public synchronized void write(LineBatch lines, long epochMillis) {
        if (failed) return;
        stamp(epochMillis);
        for (int i = 0; i < lines.size(); i++) {
            buffer.append(stamp);
            lines.appendLine(i, buffer, true);
            buffer.append((byte) '\n');
        }
        if (buffer.size() >= FLUSH_AT) flush();
    }

    public synchronized void flush() {
        if (failed || buffer.size() == 0) return;
        try {
            buffer.writeTo(out);
            out.flush();
        } catch (IOException e) {
            // A full disk must not take the service down, and one message is enough: the console still has the lines.
            failed = true;
            warn.accept("cannot write its log file " + path.getFileName() + " (" + e.getMessage() + "); its output still "
                    + "reaches this console, but no longer the file, until the next `devlaunch up`");
        }
        buffer.clear();
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
