package io.devlaunch.web;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's request threads: none while nobody looks, one per request in flight and one per
 * open event stream (which holds its thread), at most {@link #MAX}, idle ones gone after
 * {@link #IDLE_SECONDS}. The supervisor's thread count stays flat when no page is open.
 *
 * <p>The JDK server hands a connection over at its first byte and reads the request's line and
 * headers on the thread given here, blocking. A client sending one byte a second (slowloris) holds
 * that thread until {@link JdkServerLimits#MAX_REQUEST_SECONDS}; thirty of them held every thread,
 * and the JDK's dispatcher too when it ran the next request itself. So a thread is <em>reading</em>
 * from its start until {@link #handling()}; when every thread is busy and a connection waits, the
 * one reading longest is interrupted: its channel is interruptible, so it closes, and the JDK server
 * drops that connection and the thread takes the waiting one. On loopback a request's head arrives
 * at once, so the one reading longest is a slow client. Past {@link #WAITING} waiting connections a
 * new one is refused, which the JDK server answers by closing it: nothing ever runs on its
 * dispatcher thread.
 */
final class WebThreads implements Executor {
    static final int MAX = EventHub.MAX_STREAMS + 8;
    static final int WAITING = 64;
    static final int IDLE_SECONDS = 20;
    private static final String PREFIX = "devlaunch-web-";
    private static final Logger LOG = LoggerFactory.getLogger(WebThreads.class);

    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    /** Threads reading a request's head, the longest first. */
    private final Set<Thread> reading = new LinkedHashSet<>();
    /** Threads interrupted to make room for an arrival: each takes the newest connection next, not the oldest. */
    private final Set<Thread> evicted = new HashSet<>();
    private final Set<Thread> threads = new HashSet<>();
    private int idle;
    private int named;
    private boolean shut;

    /** On the JDK server's dispatcher thread: queues, starts a thread or interrupts a slow reader; never waits. */
    @Override
    public synchronized void execute(Runnable exchange) {
        if (shut) throw new RejectedExecutionException("the dashboard is closing");
        if (waiting.size() >= WAITING) {
            throw new RejectedExecutionException(WAITING + " connections wait for one of the dashboard's " + MAX + " threads");
        }
        waiting.addLast(exchange);
        if (waiting.size() <= idle) {
            notify();
        } else if (threads.size() < MAX) {
            Thread t = new Thread(this::work, PREFIX + ++named);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        } else {
            evictSlowestReader();
        }
    }

    private void evictSlowestReader() {
        Iterator<Thread> it = reading.iterator();
        if (!it.hasNext()) return;      // every thread is answering: the connection waits for one
        Thread slowest = it.next();
        it.remove();
        evicted.add(slowest);
        slowest.interrupt();
    }

    /**
     * The request's head is read: this thread is answering it and may no longer be interrupted for
     * being slow. An interruption that came just too late is forgotten, or the answer's first write
     * would close the connection.
     */
    synchronized void handling() {
        reading.remove(Thread.currentThread());
        Thread.interrupted();
    }

    private void work() {
        Thread me = Thread.currentThread();
        while (true) {
            Runnable next;
            synchronized (this) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
                long left;
                while (waiting.isEmpty() && !shut && (left = deadline - System.nanoTime()) > 0) {
                    idle++;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        // shutdownNow: seen below
                    } finally {
                        idle--;
                    }
                }
                // An evicted thread serves the arrival that evicted it — the newest — or a request would
                // wait behind every slow connection queued before it, one eviction (one arrival) each.
                next = shut ? null : evicted.remove(me) ? waiting.pollLast() : waiting.pollFirst();
                if (next == null) {
                    threads.remove(me);
                    evicted.remove(me);
                    return;
                }
                reading.add(me);
            }
            try {
                next.run();     // the JDK's exchange: it catches its own failures, and rethrows only Errors
            } catch (RuntimeException | Error e) {
                LOG.error("dashboard: a request's thread failed; the thread goes on", e);
            } finally {
                synchronized (this) {
                    reading.remove(me);
                    if (!shut) Thread.interrupted();    // an eviction's, delivered after the connection had ended
                }
            }
        }
    }

    /** Refuses new connections and interrupts every thread (an event stream ends when interrupted). */
    synchronized void shutdownNow() {
        shut = true;
        waiting.clear();
        for (Thread t : threads) t.interrupt();
        notifyAll();
    }

    /** Threads now, idle ones included. */
    synchronized int size() {
        return threads.size();
    }
}
