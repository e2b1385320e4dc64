package io.devlaunch.output;

import io.devlaunch.lines.EscapeCodes;
import io.devlaunch.lines.ByteSink;
import io.devlaunch.lines.LineBatch;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of the console: {@code name | line}, names padded to the longest, a colour per
 * service. Producers hand over whole batches of lines and never wait for the terminal: during
 * {@code up} the console is a reader that may fall behind (a terminal paused with Ctrl+S, a pipe
 * nobody reads) — children's lines reach their log files and rings elsewhere, at pump speed. The
 * backlog is bounded in bytes; beyond it children's lines are skipped, counted, and the gap is said
 * in one line once the console has caught up to half of it. {@code logs}, which reads files anyone
 * can re-read, uses a lossless console instead: there the producer waits.
 */
public final class Console implements AutoCloseable {
    public static final String SELF = "devlaunch";
    /** A reader paused 10 s at 1,000 lines/s is ~1 MB behind: 16 MB loses nothing a person would miss. */
    public static final long BACKLOG_BYTES = 16L << 20;
    private static final long LOSSLESS_BACKLOG_BYTES = 1L << 20;

    /** Receives every console line, plain (a remote {@code restart} watching). */
    public interface Tap {
        /** Called on the producer's thread: it must only hand the line over, never block. */
        void line(String source, String text);
    }

    private record Batch(String source, byte[] prefix, LineBatch lines, long epochMillis, Runnable marker,
            long bytes) {}

    // Fixed width: LocalTime.toString() drops ":00" seconds, which broke the column (and the writer).
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss ");

    private final PrintStream out;
    private final boolean colour;
    private final boolean timestamps;
    private final int width;
    private final int serviceWidth;
    private final Map<String, byte[]> prefixes = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Batch> queue = new LinkedBlockingQueue<>();
    private final Backlog backlog;
    private final List<Tap> taps = new CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean closing;
    private volatile boolean closed;        // set by close()'s marker, on the writer thread

    /** The supervisor's console: it may fall behind by {@link #BACKLOG_BYTES}, then skips and says so. */
    public Console(Terminal terminal, List<String> names, boolean timestamps) {
        this(terminal, names, timestamps, new Backlog(BACKLOG_BYTES, true));
    }

    /** A console whose producers wait for the terminal instead of skipping ({@code logs}: the files stay). */
    public static Console lossless(Terminal terminal, List<String> names, boolean timestamps) {
        return new Console(terminal, names, timestamps, new Backlog(LOSSLESS_BACKLOG_BYTES, false));
    }

    /** @param names every source that will print (services); prefixes are padded to the longest */
    Console(Terminal terminal, List<String> names, boolean timestamps, Backlog backlog) {
        this.out = terminal.out();
        this.colour = terminal.colour();
        this.timestamps = timestamps;
        this.backlog = backlog;
        this.serviceWidth = names.stream().mapToInt(String::length).max().orElse(0);
        this.width = Math.max(SELF.length(), serviceWidth);
        this.writer = new Thread(this::run, "devlaunch-console");
        writer.setDaemon(true);
        writer.start();
    }

    /** Lines a child printed. Never waits on the supervisor's console: beyond the backlog they are skipped. */
    public void print(String service, Palette.Colour c, LineBatch lines) {
        tap(service, lines);
        long bytes = weight(lines);
        long skipped = backlog.admit(bytes, lines.size());
        if (skipped == Backlog.SKIP) return;
        saySkipped(skipped);
        queue.add(new Batch(service, prefix(service, c), lines, System.currentTimeMillis(), null, bytes));
    }

    private void saySkipped(long lines) {
        if (lines > 0) say("console fell behind: " + String.format("%,d",
                lines) + " lines skipped (all of them are in .devlaunch/logs/)");
    }

    /** One of devlaunch's own messages. */
    public void say(String message) {
        say(List.of(message));
    }

    /** One of devlaunch's own messages about a service: "backend   healthy in 0.84s", names aligned. */
    public void say(String service, String message) {
        say(aligned(service, message));
    }

    /**
     * Several of devlaunch's own lines as one batch: no other line is printed between them. Never
     * skipped (they are few, and they are the diagnosis), never waited for: the loop says them.
     */
    public void say(List<String> messages) {
        LineBatch lines = LineBatch.of(messages);
        tap(SELF, lines);
        long bytes = weight(lines);
        backlog.force(bytes);
        queue.add(new Batch(SELF, prefix(SELF, Palette.Colour.BOLD), lines, System.currentTimeMillis(), null, bytes));
    }

    /** "backend   healthy in 0.84s": the message after the service name, padded to the longest. */
    public String aligned(String service, String message) {
        return service + " ".repeat(Math.max(0, serviceWidth - service.length())) + " " + message;
    }

    /**
     * Also sends every console line, plain, to {@code tap} until removed; lines skipped by the console reach it too.
     */
    public void addTap(Tap tap) {
        taps.add(tap);
    }

    public void removeTap(Tap tap) {
        taps.remove(tap);
    }

    /** Waits (at most 10 s) until everything queued so far is written. */
    public void drain() {
        drain(10_000);
    }

    /** Waits, at most {@code limitMillis}, until everything queued so far is written; false when it was not. */
    public boolean drain(long limitMillis) {
        CountDownLatch done = new CountDownLatch(1);
        queue.add(new Batch(SELF, new byte[0], LineBatch.of(List.of()), 0, done::countDown, 0));
        try {
            return done.await(limitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Lines waiting for the terminal, in bytes (a test's and status's view of how far behind it is). */
    public long backlogBytes() {
        return backlog.bytes();
    }

    private static long weight(LineBatch lines) {
        return lines.byteSize() + 64;       // the batch's own objects count too: the bound is on memory
    }

    private byte[] prefix(String source, Palette.Colour c) {
        return prefixes.computeIfAbsent(source, s -> {
            StringBuilder sb = new StringBuilder();
            if (colour) sb.append(c.sgr());
            sb.append(s).append(" ".repeat(Math.max(0, width - s.length()))).append(" |");
            if (colour) sb.append(Palette.RESET);
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    private void run() {
        List<Batch> batches = new ArrayList<>();
        ByteSink sink = new ByteSink(64 * 1024);
        while (true) {
            try {
                batches.add(queue.take());
                queue.drainTo(batches, 64);
            } catch (InterruptedException e) {
                return;
            }
            long bytes = 0;
            for (Batch b : batches) {
                bytes += b.bytes();
                try {
                    append(b, sink);
                } catch (RuntimeException e) {
                    // One bad batch must not end the only writer: every later line would be lost.
                    System.err.println("devlaunch: internal error writing the console (a bug; please report it): " + e);
                }
            }
            write(sink);
            out.flush();
            backlog.release(bytes);
            for (Batch b : batches) if (b.marker() != null) b.marker().run();
            batches.clear();
            // Caught up while children had stopped printing: the gap is said now, not with a later line.
            if (queue.isEmpty() && !closing) saySkipped(backlog.takeSkipped());
            // Only close()'s own marker ends the writer: ending on "closing and nothing queued" raced
            // close() queuing that marker, which then waited its full limit for a writer that was gone.
            if (closed) return;
        }
    }

    private void append(Batch b, ByteSink sink) {
        LineBatch lines = b.lines();
        if (lines.size() == 0) return;
        byte[] time = timestamps ? TIME.format(LocalTime.ofInstant(Instant.ofEpochMilli(b.epochMillis()),
                ZoneId.systemDefault()))
                .getBytes(StandardCharsets.US_ASCII) : null;
        if (!lines.anyEscape()) {       // nothing to strip, no colour to reset: every line is head, text, newline
            lines.appendEach(sink, time == null ? b.prefix() : concat(time, b.prefix()), true);
            if (sink.size() > 32 * 1024) write(sink);
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (time != null) sink.append(time);
            sink.append(b.prefix());
            if (!lines.isEmptyLine(i)) {
                sink.append((byte) ' ');
                lines.appendLine(i, sink, !colour);
                if (colour && lines.hasEscape(i)) sink.append(Palette.RESET_BYTES);   // a child's colour must not bleed
            }
            sink.append((byte) '\n');
            if (sink.size() > 32 * 1024) write(sink);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private void tap(String source, LineBatch lines) {
        if (taps.isEmpty()) return;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.isEmptyLine(i) ? "" : EscapeCodes.strip(lines.line(i));
            for (Tap t : taps) {
                try {
                    t.line(source, text);
                } catch (RuntimeException e) {
                    // A broken watcher loses its line; the console, the log files and the other watchers do not.
                    taps.remove(t);
                    System.err.println("devlaunch: internal error in a console tap, removed (a bug; please report it): " + e);
                }
            }
        }
    }

    /** {@code backend | line}, plain: how a tapped line reads on the client's side. */
    public String plainLine(String source, String text) {
        String prefix = source + " ".repeat(Math.max(0, width - source.length())) + " |";
        return text.isEmpty() ? prefix : prefix + " " + text;
    }

    private void write(ByteSink sink) {
        try {
            sink.writeTo(out);
        } catch (java.io.IOException e) {
            // PrintStream does not throw; kept for the signature
        }
        sink.clear();
    }

    /**
     * Writes what is queued (waiting at most a few seconds for a terminal that does not read), then stops the writer.
     */
    @Override
    public void close() {
        if (closing) return;
        closing = true;
        saySkipped(backlog.takeSkipped());      // the last gap, if the console never caught up
        CountDownLatch done = new CountDownLatch(1);
        queue.add(new Batch(SELF, new byte[0], LineBatch.of(List.of()), 0, () -> {
            closed = true;
            done.countDown();
        }, 0));
        try {
            done.await(5, TimeUnit.SECONDS);
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
