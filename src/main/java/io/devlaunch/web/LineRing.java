package io.devlaunch.web;

/**
 * One service's last lines as their rendered JSON, UTF-8, in one byte buffer with an index of
 * (seq, offset, length): appending copies bytes and allocates nothing once the buffer has grown to
 * fit the service's lines, so nothing per line outlives the young generation. The buffer grows
 * (to {@link #MAX_BYTES}) while it is short of room with slack; past that, or at the line count,
 * the oldest lines go. Not thread-safe: {@link Rings} guards it.
 */
final class LineRing {
    static final int FIRST_BYTES = 32 * 1024;
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final byte[] SEQ_KEY = {'{', '"', 's', 'e', 'q', '"', ':'};

    private final int maxLines;
    private final long[] seqs;
    private final int[] offs;
    private final int[] lens;
    private byte[] buf = new byte[FIRST_BYTES];
    private int head;         // slot of the oldest line
    private int count;
    private int writePos;     // end of the newest line
    private long used;        // bytes of the lines held
    private long total;       // lines ever added

    LineRing(int maxLines) {
        this.maxLines = maxLines;
        seqs = new long[maxLines];
        offs = new int[maxLines];
        lens = new int[maxLines];
    }

    /** Adds {@code {"seq":SEQ} followed by {@code rest[from, to)} (the line's JSON after its seq, UTF-8). */
    void add(long seq, byte[] rest, int from, int to) {
        int len = SEQ_KEY.length + Bytes.digits(seq) + (to - from);
        if (len > MAX_BYTES / 4) throw new IllegalArgumentException("line of " + len + " bytes: LogLine.cap should have cut it");
        if (count == maxLines) evict();
        int at = place(len);
        System.arraycopy(SEQ_KEY, 0, buf, at, SEQ_KEY.length);
        int end = Bytes.writeLong(seq, buf, at + SEQ_KEY.length);
        System.arraycopy(rest, from, buf, end, to - from);
        end += to - from;
        int slot = (head + count) % maxLines;
        seqs[slot] = seq;
        offs[slot] = at;
        lens[slot] = end - at;
        count++;
        used += len;
        total++;
        writePos = end;
    }

    /** Lines printed but never stored: they count in {@link #total()}, as lines stored and evicted would. */
    void unkept(int lines) {
        total += lines;
    }

    /** Where {@code len} bytes go without overlapping a held line: after the newest, or wrapped to 0 before the oldest. */
    private int place(int len) {
        while (true) {
            if (count == 0) {
                writePos = 0;
                if (len <= buf.length) return 0;
            } else {
                int oldest = offs[head];
                if (writePos > oldest) {                  // held bytes are [oldest, writePos)
                    if (writePos + len <= buf.length) return writePos;
                    if (len <= oldest) return 0;
                } else if (writePos + len <= oldest) {    // wrapped: free bytes are [writePos, oldest)
                    return writePos;
                }
            }
            // Grow while the buffer has less than a quarter of slack; else make room the ring's way.
            if ((used + len) * 4 / 3 > buf.length && buf.length < MAX_BYTES) grow(len);
            else evict();
        }
    }

    private void evict() {
        used -= lens[head];
        head = (head + 1) % maxLines;
        count--;
    }

    private void grow(int len) {
        // By half, not doubling: a ring of short lines (~250 KB) then ends near 360 KB, under half a
        // G1 region of a small heap (1 MB), where an array would become a humongous object taking
        // a whole region of the old generation.
        long want = Math.max((long) buf.length * 3 / 2, (used + len) * 3 / 2);
        byte[] bigger = new byte[(int) Math.min(MAX_BYTES, want)];
        int p = 0;
        for (int i = 0; i < count; i++) {
            int slot = (head + i) % maxLines;
            System.arraycopy(buf, offs[slot], bigger, p, lens[slot]);
            offs[slot] = p;
            p += lens[slot];
        }
        buf = bigger;
        writePos = p;
    }

    int size() {
        return count;
    }

    long total() {
        return total;
    }

    /** The seq of the {@code i}-th held line, oldest first. */
    long seq(int i) {
        return seqs[(head + i) % maxLines];
    }

    /** Index of the first held line with a seq above {@code seq} ({@link #size()} if none). */
    int firstAfter(long seq) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (seq(mid) <= seq) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Appends the {@code i}-th held line's JSON. */
    void copy(int i, Bytes out) {
        int slot = (head + i) % maxLines;
        out.append(buf, offs[slot], lens[slot]);
    }

    /** Buffer bytes held (for the benchmark's reasoning and the tests). */
    int capacityBytes() {
        return buf.length;
    }
}
