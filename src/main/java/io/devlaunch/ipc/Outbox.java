package io.devlaunch.ipc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies waiting for one client, bounded. Producers — the console writer thread through a
 * tap, a request's worker — only ever add to memory here and never wait; the channel's I/O
 * thread takes them out as the client's socket accepts bytes. When a client does not keep up its
 * console lines are skipped (counted, and the client is told how many once it has caught up
 * again); the final answer is always kept.
 */
final class Outbox {
    // What a queued line costs beyond its characters (record, string header, deque slot): short lines are not free.
    private static final int OVERHEAD = 64;

    private final int capacity;
    private final ArrayDeque<Protocol.Reply> queue = new ArrayDeque<>();
    private int size;
    private long skipped;
    private boolean dropping;
    private boolean finished;
    private boolean closed;
    private boolean attached;

    Outbox(int capacity) {
        this.capacity = capacity;
    }

    /**
     * A console line; dropped when this client is too far behind. Once dropping, lines are kept
     * again only after the queue has drained to half, so the client gets one "skipped" note per
     * stall rather than one per line.
     *
     * @return true when the queue was empty, i.e. the I/O thread must be woken to send it
     */
    synchronized boolean line(String text) {
        return offer(new Protocol.Line(text));
    }

    /** An attached terminal's bytes: skipped like lines when the client does not keep up. */
    synchronized boolean output(byte[] bytes) {
        return offer(new Protocol.Output(bytes));
    }

    private boolean offer(Protocol.Reply r) {
        if (finished || closed) return false;
        int cost = cost(r);
        if (dropping) dropping = size > capacity / 2;
        if (!dropping) dropping = size + cost > capacity;
        if (dropping) {
            skipped++;
            return false;
        }
        boolean wake = queue.isEmpty();
        noteSkipped();
        add(r, cost);
        return wake;
    }

    /** The request became an attach: it is answered by streaming, and ends with {@link #done}. */
    synchronized void attached() {
        attached = true;
    }

    /** A keep-alive, only when nothing else is waiting (then the client is not silent anyway). */
    synchronized boolean alive() {
        if (finished || closed || !queue.isEmpty()) return false;
        add(new Protocol.Alive(), OVERHEAD);
        return true;
    }

    /** The final answer: always queued (beyond the bound), after a note of what was skipped. Later replies are ignored. */
    synchronized boolean done(Protocol.Done answer) {
        if (finished || closed) return false;
        boolean wake = queue.isEmpty();
        noteSkipped();
        add(answer, answer.message().length() + OVERHEAD);
        finished = true;
        return wake;
    }

    /** Takes replies, in order, up to about {@code maxChars}; at least one when any wait. */
    synchronized List<Protocol.Reply> take(int maxChars) {
        List<Protocol.Reply> out = new ArrayList<>();
        int taken = 0;
        while (!queue.isEmpty() && (out.isEmpty() || taken < maxChars)) {
            Protocol.Reply r = queue.poll();
            int cost = cost(r);
            size -= cost;
            taken += cost;
            out.add(r);
        }
        return out;
    }

    synchronized boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The final answer has been queued. */
    synchronized boolean finished() {
        return finished;
    }

    /** Nothing more is due: answered, or the client is gone. */
    synchronized boolean answered() {
        return finished || closed || attached;
    }

    /** The final answer has been queued and taken: nothing more will come. */
    synchronized boolean drained() {
        return finished && queue.isEmpty();
    }

    /** The client is gone: drop what waits and everything that comes. */
    synchronized void close() {
        closed = true;
        queue.clear();
        size = 0;
    }

    private void noteSkipped() {
        if (skipped == 0) return;
        String note = attached ? "devlaunch | … " + skipped + " pieces of output skipped: this terminal did not keep up"
                : "devlaunch | … " + skipped + (skipped == 1 ? " line" : " lines")
                + " skipped: this terminal did not keep up (`devlaunch logs` has every line)";
        add(new Protocol.Line(note), note.length() + OVERHEAD);
        skipped = 0;
    }

    private void add(Protocol.Reply r, int cost) {
        queue.add(r);
        size += cost;
    }

    private static int cost(Protocol.Reply r) {
        if (r instanceof Protocol.Line l) return l.text().length() + OVERHEAD;
        if (r instanceof Protocol.Done d) return d.message().length() + OVERHEAD;
        if (r instanceof Protocol.Output o) return (o.bytes().length + 2) / 3 * 4 + OVERHEAD;
        return OVERHEAD;
    }
}
