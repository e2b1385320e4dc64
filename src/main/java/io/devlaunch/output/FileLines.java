package io.devlaunch.output;

import io.devlaunch.lines.LineSplitter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines of a file that another process is writing (a service's log, the detached supervisor's
 * output): the complete lines added since an offset, and the last N lines. Split by the same
 * {@link LineSplitter} that splits a child's pipes, so a file reads exactly as the stream did.
 */
public final class FileLines {
    /** At most this much is read per call: a follower catches up over several calls, never all at once. */
    static final int MAX_READ = 8 << 20;
    private static final int TAIL_BLOCK = 64 * 1024;

    /** The complete lines read, and the offset the next read starts from. */
    public record Since(List<String> lines, long next) {}

    private FileLines() {}

    /**
     * The complete lines added since {@code offset}; a half-written last line waits for the next
     * call. A file now shorter than {@code offset} was cleaned away and started over: it is read
     * from its start. A missing file has no lines.
     *
     * @throws IOException when the file exists but cannot be read (the caller keeps its offset)
     */
    public static Since readSince(Path file, long offset) throws IOException {
        if (!Files.isRegularFile(file)) return new Since(List.of(), offset);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            return readSince(raf, offset);
        }
    }

    /** {@link #readSince(Path, long)} from a file already open: the one opened, whatever its name is now. */
    static Since readSince(RandomAccessFile raf, long offset) throws IOException {
        {
            long size = raf.length();
            long from = size < offset ? 0 : offset;
            if (size == from) return new Since(List.of(), from);
            byte[] buf = new byte[(int) Math.min(size - from, MAX_READ)];
            raf.seek(from);
            raf.readFully(buf);
            int end = buf.length;
            while (end > 0 && buf[end - 1] != '\n') end--;
            if (end == 0 && buf.length == MAX_READ) end = buf.length;     // no newline in a whole read: take it as is
            return new Since(split(buf, end), from + end);
        }
    }

    /** The last {@code n} lines of a file, read backwards from its end; empty when it cannot be read. */
    public static List<String> tail(Path file, int n) {
        if (n <= 0 || !Files.isRegularFile(file)) return List.of();
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long pos = raf.length();
            long start = pos;
            int newlines = 0;
            byte[] block = new byte[TAIL_BLOCK];
            while (start > 0 && newlines <= n) {
                int chunk = (int) Math.min(TAIL_BLOCK, start);
                start -= chunk;
                raf.seek(start);
                raf.readFully(block, 0, chunk);
                for (int i = 0; i < chunk; i++) if (block[i] == '\n') newlines++;
            }
            byte[] all = new byte[(int) (pos - start)];
            raf.seek(start);
            raf.readFully(all);
            List<String> lines = split(all, all.length);
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> split(byte[] buf, int len) {
        List<String> out = new ArrayList<>();
        new LineSplitter(batch -> out.addAll(batch.toStrings())).feed(ByteBuffer.wrap(buf, 0, len), true);
        out.removeIf(String::isEmpty);
        return out;
    }
}
