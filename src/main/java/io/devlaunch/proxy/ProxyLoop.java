package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one selector thread ({@code devlaunch-proxy}, a daemon) that serves every proxied port of a
 * run: accepting, holding, splicing and answering 503s. A thread per connection would make 1,000
 * held connections 1,000 threads; one selector keeps the cost of a held connection to a socket and
 * a few objects.
 *
 * <p>Every public method is thread-safe and returns at once: the work is queued and the selector
 * woken. Everything else in this package runs on the loop thread only, so none of it locks.
 */
public final class ProxyLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProxyLoop.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    // Saves a wakeup syscall per task when several are queued before the loop gets to them.
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Timers timers = new Timers();
    private final Caps caps;
    private final BufferPool buffers;
    private final ByteBuffer scratch = ByteBuffer.allocate(Refusal.HEAD_LIMIT);
    // Failures other than a socket's IOException are logged once per kind: an out-of-memory storm
    // across 500 connections must be one log entry, not 500.
    private final java.util.Set<Class<?>> failuresLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<PortProxy> proxies = new ArrayList<>();   // loop thread only
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean running = true;
    // Bytes read from one side and not yet written to the other, across all connections: the
    // figure back-pressure keeps bounded. Written by the loop thread only, read by tests.
    private volatile long bufferedBytes;

    private ProxyLoop(Selector selector, Caps caps) {
        this.selector = selector;
        this.caps = caps;
        this.buffers = new BufferPool(caps.buffers());
        this.thread = new Thread(this::run, "devlaunch-proxy");
        thread.setDaemon(true);   // a run that ends without close() must not be kept alive by it
    }

    /** Opens the selector and starts its thread. */
    public static ProxyLoop start() throws IOException {
        return start(Caps.defaults());
    }

    /** With given caps: for tests, which cannot open thousands of connections in reasonable time. */
    static ProxyLoop start(Caps caps) throws IOException {
        ProxyLoop loop = new ProxyLoop(Selector.open(), caps);
        loop.thread.start();
        return loop;
    }

    /**
     * Binds each public port on 127.0.0.1 (and ::1 where the machine has IPv6 loopback) now, on the
     * caller's thread, so that a port in use is the caller's {@link IOException}; the returned proxy
     * starts out holding connections (limit {@link PortProxy#DEFAULT_HOLD_LIMIT}) until told otherwise.
     */
    public PortProxy open(String service, Collection<Integer> publicPorts) throws IOException {
        if (!running) throw new IOException("the proxy loop is closed");
        List<Listener> listeners = Listener.bindAll(publicPorts);
        PortProxy proxy = new PortProxy(this, service, publicPorts, listeners, caps);
        execute(() -> {
            if (!running) { proxy.closeNow(); return; }
            proxies.add(proxy);
            proxy.register();
        });
        return proxy;
    }

    /** Closes every proxy (unbinds the ports, closes every connection) and ends the thread. */
    @Override
    public void close() {
        execute(() -> running = false);
    }

    /** Completes once the thread has closed everything; it ends right after. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    /** Queues a task for the loop thread and wakes it. */
    void execute(Runnable task) {
        tasks.add(task);
        if (closed.isDone()) {
            // The loop is gone: run late calls here so that their futures still complete (they
            // find their proxy closed and do nothing else).
            runTasks();
        } else if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    Selector selector() {
        return selector;
    }

    Timers timers() {
        return timers;
    }

    Caps caps() {
        return caps;
    }

    BufferPool buffers() {
        return buffers;
    }

    /** One heap buffer for short reads that are copied out at once (a held client's first bytes). */
    ByteBuffer scratch() {
        return scratch;
    }

    void forget(PortProxy proxy) {
        proxies.remove(proxy);
    }

    void addBuffered(long delta) {
        bufferedBytes += delta;   // loop thread only: a plain read-modify-write is safe
    }

    long bufferedBytes() {
        return bufferedBytes;
    }

    private void run() {
        try {
            while (running) {
                try {
                    turn();
                } catch (RuntimeException | Error e) {
                    // Not from one connection (dispatch catches those): out of memory in the selector
                    // itself, say. Every port stays open; a moment's pause keeps a lasting failure
                    // from spinning a core.
                    logOnce("the proxy loop failed (it goes on)", e);
                    pause();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            LOG.log(System.Logger.Level.ERROR, "devlaunch-proxy: the selector failed; every proxied port is closed", e);
        } finally {
            shutdown();
        }
    }

    private void turn() throws IOException {
        long wait = timers.millisUntilNext();
        if (!tasks.isEmpty()) wait = 0;
        if (wait == 0) selector.selectNow(this::dispatch);
        else if (wait < 0) selector.select(this::dispatch);
        else selector.select(this::dispatch, wait);
        wakeupPending.set(false);   // before draining: a task queued after this wakes us again
        runTasks();
        timers.runDue(System.nanoTime(), e -> logOnce("a timer failed", e));
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The first failure of each kind with its stack; later ones of that kind only at DEBUG. */
    void logOnce(String what, Throwable e) {
        if (failuresLogged.add(e.getClass())) {
            LOG.log(System.Logger.Level.ERROR, "devlaunch-proxy: " + what + "; the connection concerned was closed, the others go on"
                    + " (further " + e.getClass().getSimpleName() + "s are logged at DEBUG only)", e);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "devlaunch-proxy: " + what, e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                logOnce("a task failed", e);
            }
        }
    }

    private void dispatch(SelectionKey key) {
        // Calls queued before this key became ready take effect first: a hold() made before a
        // client connected must hold that client, not forward it.
        if (!tasks.isEmpty()) runTasks();
        if (!key.isValid()) return;
        Handler handler = (Handler) key.attachment();
        try {
            handler.ready(key);
        } catch (IOException e) {
            handler.failed(e);   // a reset, a broken pipe: ordinary, not worth a log line
        } catch (RuntimeException | Error e) {
            // One connection's failure (a bug, direct memory exhausted) closes that connection,
            // never the loop: the thread dying would close every port of the run.
            logOnce("a connection failed", e);
            try {
                handler.failed(e);
            } catch (RuntimeException | Error again) {
                key.cancel();   // closing it failed too: at least stop selecting it
            }
        }
    }

    private void shutdown() {
        running = false;
        for (PortProxy proxy : List.copyOf(proxies)) proxy.closeNow();
        proxies.clear();
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
        closed.complete(null);
        // Calls made while the loop stopped: run them so that their futures complete (from now on
        // execute() runs late calls itself).
        runTasks();
    }

    /** What a selection key's attachment does when its channel is ready. Loop thread only. */
    interface Handler {
        void ready(SelectionKey key) throws IOException;

        /** The handler threw: close what it owns. */
        void failed(Throwable e);
    }
}
