package io.devlaunch.output;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads one service's log across its rotations ({@code NAME.log}, {@code NAME.log.1}, …): the last
 * N lines however many files they span, and, when following, every line appended since. The file
 * followed is held open: its inode cannot be reused while we hold it (a file system hands a freed
 * inode to the next new file, and the third rotation's new NAME.log would look like ours), and
 * when it is renamed away its rest is read from the handle, then every file rotated after it,
 * oldest first, before the new {@code NAME.log} — nothing lost or read twice at a seam.
 */
public final class RotatingLogReader implements AutoCloseable {
    /** How many rotated files a tail looks through at most (keep is rarely more than a handful). */
    private static final int MAX_ROTATED = 1_000;

    private final Path current;
    private RandomAccessFile followed;      // null until NAME.log exists
    private Object followedKey;
    private long offset;

    /** Follows from the current end of the file: what is appended from now on. */
    public RotatingLogReader(Path current) {
        this.current = current;
        if (follow(current)) {
            try {
                offset = followed.length();
            } catch (IOException e) {
                offset = 0;
            }
        }
    }

    /** The last {@code n} lines, oldest first, across the current file and the rotated ones before it. */
    public static List<String> tail(Path current, int n) {
        List<String> out = new ArrayList<>(FileLines.tail(current, n));
        for (int k = 1; out.size() < n && k <= MAX_ROTATED; k++) {
            Path older = LogFile.rotated(current, k);
            if (!Files.isRegularFile(older)) break;
            out.addAll(0, FileLines.tail(older, n - out.size()));
        }
        return out;
    }

    /** The complete lines appended since the last call; a half-written last line waits for the next. */
    public List<String> readNew() throws IOException {
        List<String> out = new ArrayList<>();
        if (followed == null) {
            if (!follow(current)) return out;
        }
        while (true) {
            read(out);
            BasicFileAttributes now = attributes(current);
            if (now == null || Objects.equals(now.fileKey(), followedKey)) return out;
            // Renamed away (rotated) or removed: complete now. Its rest, then the file rotated right after it.
            read(out);
            int k = rotatedIndex();
            Path next = k <= 1 ? current : LogFile.rotated(current, k - 1);
            Object ours = followedKey;
            RandomAccessFile previous = followed;
            if (!follow(next)) {
                followed = previous;
                followedKey = ours;
                if (k == 0 && attributes(current) == null) return out;
                continue;
            }
            // Still where we found it: then `next` was its neighbour when opened, not a file rotated on since.
            BasicFileAttributes still = k == 0 ? null : attributes(LogFile.rotated(current, k));
            if (k != 0 && (still == null || !Objects.equals(still.fileKey(), ours))) {
                closeQuietly(followed);
                followed = previous;
                followedKey = ours;
                continue;
            }
            closeQuietly(previous);
        }
    }

    private void read(List<String> out) throws IOException {
        FileLines.Since since = FileLines.readSince(followed, offset);
        offset = since.next();
        out.addAll(since.lines());
    }

    /** Holds {@code file} open from its start, checking it is the file its name leads to; false when there is none. */
    private boolean follow(Path file) {
        // Between two looks at the name: the same file both times means the one opened is that file.
        for (int attempt = 0; attempt < 10; attempt++) {
            BasicFileAttributes before = attributes(file);
            if (before == null) return false;
            RandomAccessFile raf;
            try {
                raf = new RandomAccessFile(file.toFile(), "r");
            } catch (FileNotFoundException e) {
                continue;       // renamed between the look and the open: look again
            }
            BasicFileAttributes after = attributes(file);
            if (after != null && Objects.equals(before.fileKey(), after.fileKey())) {
                followed = raf;
                followedKey = after.fileKey();
                offset = 0;
                return true;
            }
            closeQuietly(raf);
        }
        return false;
    }

    /** Which NAME.log.K the followed file is now; 0 when it is gone (cleaned, or dropped beyond {@code keep}). */
    private int rotatedIndex() {
        // A gap is no end: a rotation under way has moved NAME.log.1 on and not yet renamed NAME.log to it.
        int missing = 0;
        for (int k = 1; k <= MAX_ROTATED && missing < 2; k++) {
            BasicFileAttributes a = attributes(LogFile.rotated(current, k));
            missing = a == null ? missing + 1 : 0;
            if (a != null && Objects.equals(followedKey, a.fileKey())) return k;
        }
        return 0;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(RandomAccessFile raf) {
        try {
            raf.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }

    @Override
    public void close() {
        if (followed != null) closeQuietly(followed);
        followed = null;
        followedKey = null;
    }
}
