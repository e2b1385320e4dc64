package io.devlaunch.output;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The one writer of the console during {@code up}: {@code name | line}, names padded to the
 * longest, a colour per service. Producers hand over whole batches of lines; the queue is bounded,
 * so a child that writes faster than the terminal can print blocks its pump (and, through the
 * pipe, itself) instead of losing lines or growing memory. The writer thread copies bytes through,
 * batches many lines into one write and flushes when it runs out of work.
 */
public final class Console implements AutoCloseable {
    public static final String SELF = "devlaunch";
    private static final int QUEUE_BATCHES = 256;

    private record Batch(byte[] prefix, LineBatch lines, long epochMillis, LogFile file, Runnable marker) {}

    // Fixed width: LocalTime.toString() drops ":00" seconds, which broke the column (and the writer).
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss ");

    private final PrintStream out;
    private final boolean colour;
    private final boolean timestamps;
    private final int width;
    private final int serviceWidth;
    private final Map<String, byte[]> prefixes = new ConcurrentHashMap<>();
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final List<Batch> overflow = new ArrayList<>();      // own lines that found the queue full
    private static final Batch WAKE = new Batch(new byte[0], LineBatch.of(List.of()), 0, null, null);
    private final List<Runnable> idleHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> taps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread writer;
    private volatile boolean closing;

    /** @param names every source that will print (services); prefixes are padded to the longest */
    public Console(Terminal terminal, List<String> names, boolean timestamps) {
        this.out = terminal.out();
        this.colour = terminal.colour();
        this.timestamps = timestamps;
        this.serviceWidth = names.stream().mapToInt(String::length).max().orElse(0);
        this.width = Math.max(SELF.length(), serviceWidth);
        this.writer = new Thread(this::run, "devlaunch-console");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Lines a child printed, for the console and its log file. The writer thread writes both, so the
     * child's pump only splits lines. Blocks while the console is behind: that is the back-pressure.
     */
    public void print(String service, Palette.Colour c, LineBatch lines, LogFile file) {
        enqueue(new Batch(prefix(service, c), lines, System.currentTimeMillis(), file, null));
    }

    /** One of devlaunch's own messages. */
    public void say(String message) {
        own(new Batch(prefix(SELF, Palette.Colour.BOLD), LineBatch.of(List.of(message)), System.currentTimeMillis(), null, null));
    }

    /** One of devlaunch's own messages about a service: "backend   healthy in 0.84s", names aligned. */
    public void say(String service, String message) {
        say(aligned(service, message));
    }

    /** Several of devlaunch's own lines as one batch: no other line is printed between them. */
    public void say(List<String> messages) {
        own(new Batch(prefix(SELF, Palette.Colour.BOLD), LineBatch.of(messages), System.currentTimeMillis(), null, null));
    }

    /** "backend   healthy in 0.84s": the message after the service name, padded to the longest. */
    public String aligned(String service, String message) {
        return service + " ".repeat(Math.max(0, serviceWidth - service.length())) + " " + message;
    }

    /**
     * Also sends every console line, plain, to {@code tap} (a remote {@code restart} watching) until
     * removed. The tap runs on the writer thread, so it must only hand the line over — never block,
     * never wait for a socket: a reader that stops reading must not stop the console.
     */
    public void addTap(java.util.function.Consumer<String> tap) {
        taps.add(tap);
    }

    public void removeTap(java.util.function.Consumer<String> tap) {
        taps.remove(tap);
    }

    /** Runs after the console is idle (e.g. flushing log files). */
    public void onIdle(Runnable hook) {
        idleHooks.add(hook);
    }

    /** Waits until everything queued so far is written. */
    public void drain() {
        CountDownLatch done = new CountDownLatch(1);
        enqueue(new Batch(new byte[0], LineBatch.of(List.of()), 0, null, done::countDown));
        try {
            done.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * devlaunch's own lines come from the supervisor's loop, which must never wait for a slow
     * terminal: they take a free slot in the queue, or — when children's output has filled it —
     * wait beside it, in order, and the writer (busy, since the queue is full) takes them next.
     */
    private void own(Batch b) {
        if (!writer.isAlive()) return;
        synchronized (overflow) {
            if (overflow.isEmpty() && queue.offer(b)) return;
            overflow.add(b);
        }
        queue.offer(WAKE);      // the writer may have drained everything meanwhile: let it look again
    }

    private void enqueue(Batch b) {
        if (!writer.isAlive()) return;
        try {
            queue.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Batch> batches = new ArrayList<>();
        ByteSink sink = new ByteSink(64 * 1024);
        while (true) {
            try {
                Batch first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    idleHooks.forEach(Runnable::run);
                    if (closing) return;
                    continue;
                }
                batches.add(first);
                queue.drainTo(batches, 64);
                synchronized (overflow) {
                    batches.addAll(overflow);
                    overflow.clear();
                }
            } catch (InterruptedException e) {
                return;
            }
            for (Batch b : batches) {
                try {
                    append(b, sink);
                } catch (RuntimeException e) {
                    // One bad batch must not end the only writer: every later line would be lost.
                    System.err.println("devlaunch: internal error writing the console (a bug; please report it): " + e);
                }
            }
            write(sink);
            out.flush();
            for (Batch b : batches) if (b.marker() != null) b.marker().run();
            batches.clear();
            if (queue.isEmpty()) {
                idleHooks.forEach(Runnable::run);
                if (closing) return;
            }
        }
    }

    private void append(Batch b, ByteSink sink) {
        LineBatch lines = b.lines();
        if (lines.size() == 0) return;
        byte[] time = timestamps ? TIME.format(LocalTime.ofInstant(Instant.ofEpochMilli(b.epochMillis()), ZoneId.systemDefault()))
                .getBytes(StandardCharsets.US_ASCII) : null;
        for (int i = 0; i < lines.size(); i++) {
            if (time != null) sink.append(time);
            sink.append(b.prefix());
            if (!lines.isEmptyLine(i)) {
                sink.append((byte) ' ');
                lines.appendLine(i, sink, !colour);
                if (colour && lines.hasEscape(i)) sink.append(Palette.RESET_BYTES);   // a child's colour must not bleed
            }
            sink.append((byte) '\n');
        }
        if (b.file() != null) b.file().write(lines, b.epochMillis());
        if (!taps.isEmpty()) tap(b, lines);
        if (sink.size() > 32 * 1024) write(sink);
    }

    private void tap(Batch b, LineBatch lines) {
        String prefix = EscapeCodes.strip(new String(b.prefix(), StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) {
            String line = prefix + (lines.isEmptyLine(i) ? "" : " " + EscapeCodes.strip(lines.line(i)));
            for (var t : taps) {
                try {
                    t.accept(line);
                } catch (RuntimeException e) {
                    // A broken watcher loses its line; the console, the log files and the other watchers do not.
                    taps.remove(t);
                    System.err.println("devlaunch: internal error in a console tap, removed (a bug; please report it): " + e);
                }
            }
        }
    }

    private void write(ByteSink sink) {
        try {
            sink.writeTo(out);
        } catch (java.io.IOException e) {
            // PrintStream does not throw; kept for the signature
        }
        sink.clear();
    }

    /** Writes what is queued, then stops the writer thread. */
    @Override
    public void close() {
        closing = true;
        drain();        // its marker also wakes the writer, which ends once nothing is queued
        try {
            writer.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
