package io.devlaunch.process;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * An interactive service's pseudo-terminal (Linux): devlaunch holds the master side, the service
 * gets the slave as stdin, stdout, stderr and controlling terminal. One reader thread per terminal
 * takes everything the service prints — the lines go the way every service's output goes, the raw
 * bytes to whoever is attached — and notices a prompt: output that stopped without a newline.
 * Keys go in on a writer thread of their own, so a service that does not read never holds up the
 * caller (the control socket's I/O thread).
 * <p>
 * devlaunch keeps the slave open itself until the service's leader has exited: a master whose
 * slave was never opened, or was closed once, reads end-of-file (EIO) at once, and the service's
 * sh opens it only after the spawn. Once the leader is gone and devlaunch lets go, EIO comes when
 * the last holder (a grandchild, as with pipes) closes it, after every byte written was read.
 */
public final class PseudoTerminal {
    /** Output without a newline, then this much silence: the service waits at a prompt. */
    public static final long PROMPT_QUIET_MILLIS = 1000;
    static final int DEFAULT_ROWS = 24;
    static final int DEFAULT_COLUMNS = 80;
    private static final int PARTIAL_MAX = 4096;
    private static final byte[] END = new byte[0];

    /** Hears the raw bytes; called on the reader thread, must not block. The array is shared: read it, never change it. */
    public interface Viewer {
        void output(byte[] bytes);

        /** The service printed a prompt and waits (once per wait). */
        default void prompt() {
        }

        /** The terminal's output has ended: the service's process is gone. */
        default void ended() {
        }
    }

    private final int master;
    private final String slavePath;
    private volatile int slave;
    private final List<Viewer> viewers = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<byte[]> keys = new LinkedBlockingQueue<>();
    private volatile Runnable ended;       // run once, after the last byte was read
    private volatile boolean over;
    private boolean writerStarted;          // guarded by this
    private boolean readerDone;             // guarded by this
    private byte[] partial = END;           // guarded by this: what was printed since the last newline
    private volatile boolean waiting;

    private PseudoTerminal(int master, String slavePath, int slave) {
        this.master = master;
        this.slavePath = slavePath;
        this.slave = slave;
    }

    /** A new pair, 24×80 until someone attaches, its slave held open by this process. */
    static PseudoTerminal open() throws IOException {
        LibC c = LibC.get();
        int m = c.posix_openpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (m < 0) throw new IOException("cannot open a pseudo-terminal (" + errno() + ")");
        byte[] name = new byte[128];
        if (c.grantpt(m) != 0 || c.unlockpt(m) != 0 || c.ptsname_r(m, name, name.length) != 0) {
            String why = errno();
            c.close(m);
            throw new IOException("cannot prepare a pseudo-terminal (" + why + ")");
        }
        int len = 0;
        while (len < name.length && name[len] != 0) len++;
        String path = new String(name, 0, len, StandardCharsets.US_ASCII);
        int s = c.open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
        if (s < 0) {
            String why = errno();
            c.close(m);
            throw new IOException("cannot open " + path + " (" + why + ")");
        }
        PseudoTerminal t = new PseudoTerminal(m, path, s);
        t.resize(DEFAULT_ROWS, DEFAULT_COLUMNS);
        noSuspendKey(s);
        return t;
    }

    /**
     * Ctrl+Z reaches the service as a byte instead of stopping it: a service has no shell to run
     * {@code fg}, and a stopped one would hang its stack until someone found it and sent SIGCONT.
     */
    private static void noSuspendKey(int fd) {
        byte[] termios = new byte[LibC.TERMIOS_BYTES];
        if (LibC.get().ioctl(fd, LibC.TCGETS, termios) != 0) return;
        termios[LibC.VSUSP_OFFSET] = 0;         // _POSIX_VDISABLE on Linux
        LibC.get().ioctl(fd, LibC.TCSETS, termios);
    }

    /** The slave's path (/dev/pts/N), which the service's stdin, stdout and stderr open. */
    String slavePath() {
        return slavePath;
    }

    /**
     * Starts reading: {@code bytes} gets every chunk in order (then one empty array at the end),
     * {@code prompt} runs once per wait at a prompt (see {@link #PROMPT_QUIET_MILLIS}).
     */
    void startReading(Consumer<byte[]> bytes, Runnable prompt) {
        Thread t = new Thread(() -> read(bytes, prompt), "devlaunch-pty-" + slavePath.substring(slavePath.lastIndexOf('/') + 1));
        t.setDaemon(true);
        t.start();
    }

    private void read(Consumer<byte[]> bytes, Runnable prompt) {
        LibC c = LibC.get();
        Memory fds = new Memory(8);         // struct pollfd { int fd; short events; short revents; }
        byte[] buf = new byte[64 * 1024];
        long lastOutput = 0;
        boolean promptPending = false;      // output stopped mid-line and has not been called a prompt yet
        try {
            while (true) {
                int timeout = promptPending ? (int) Math.max(0, PROMPT_QUIET_MILLIS - (System.nanoTime() - lastOutput) / 1_000_000) : -1;
                fds.setInt(0, master);
                fds.setShort(4, LibC.POLLIN);
                fds.setShort(6, (short) 0);
                int ready = c.poll(fds, 1, timeout);
                if (ready == 0) {
                    promptPending = false;
                    waiting = true;
                    prompt.run();
                    for (Viewer v : viewers) v.prompt();
                    continue;
                }
                if (ready < 0 && Native.getLastError() == LibC.EINTR) continue;
                long n = c.read(master, buf, buf.length);
                if (n < 0 && (Native.getLastError() == LibC.EINTR || Native.getLastError() == LibC.EAGAIN)) continue;
                if (n <= 0) return;     // EIO: no one holds the slave any more, and everything written was read
                byte[] chunk = Arrays.copyOf(buf, (int) n);
                waiting = false;
                lastOutput = System.nanoTime();
                promptPending = chunk[chunk.length - 1] != '\n';
                notePartial(chunk);
                bytes.accept(chunk);
                for (Viewer v : viewers) v.output(chunk);
            }
        } finally {
            bytes.accept(END);
            finishReading();
        }
    }

    private synchronized void notePartial(byte[] chunk) {
        int nl = chunk.length - 1;
        while (nl >= 0 && chunk[nl] != '\n') nl--;
        byte[] tail = Arrays.copyOfRange(chunk, nl + 1, chunk.length);
        byte[] joined = nl >= 0 ? tail : Arrays.copyOf(partial, partial.length + tail.length);
        if (nl < 0) System.arraycopy(tail, 0, joined, partial.length, tail.length);
        partial = joined.length > PARTIAL_MAX ? Arrays.copyOfRange(joined, joined.length - PARTIAL_MAX, joined.length) : joined;
    }

    /** What the service printed since its last newline (a prompt, when it waits at one): shown to whoever attaches. */
    public synchronized byte[] currentLine() {
        return partial;
    }

    /** True while the service sits at a prompt (see {@link #PROMPT_QUIET_MILLIS}) and has printed nothing since. */
    public boolean waitingForInput() {
        return waiting;
    }

    public void addViewer(Viewer v) {
        viewers.add(v);
    }

    public void removeViewer(Viewer v) {
        viewers.remove(v);
    }

    /** Types {@code bytes} into the terminal, in order; never blocks. Dropped once the terminal is gone. */
    public void write(byte[] bytes) {
        if (bytes.length == 0) return;
        synchronized (this) {
            if (readerDone) return;
            if (!writerStarted) {
                writerStarted = true;
                Thread t = new Thread(this::writeKeys, "devlaunch-pty-keys");
                t.setDaemon(true);
                t.start();
            }
        }
        keys.add(bytes);
    }

    private void writeKeys() {
        LibC c = LibC.get();
        try {
            while (true) {
                byte[] b = keys.take();
                if (b == END) break;
                for (int off = 0; off < b.length; ) {
                    byte[] rest = off == 0 ? b : Arrays.copyOfRange(b, off, b.length);
                    long n = c.write(master, rest, rest.length);
                    if (n < 0 && Native.getLastError() == LibC.EINTR) continue;
                    if (n <= 0) break;      // the terminal is gone: what is left of this write is dropped
                    off += (int) n;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            c.close(master);
        }
    }

    /** The terminal's size, as a window resize sets it: the service gets SIGWINCH. Ignored once gone. */
    public void resize(int rows, int columns) {
        if (rows <= 0 || columns <= 0 || rows > 0xFFFF || columns > 0xFFFF) return;
        synchronized (this) {
            if (readerDone) return;
            LibC.get().ioctl(master, LibC.TIOCSWINSZ, new short[] {(short) rows, (short) columns, 0, 0});
        }
    }

    /**
     * The leader has exited: devlaunch lets go of the slave, and {@code then} runs once the output
     * has ended (at once when it already has).
     */
    void leaderGone(Runnable then) {
        boolean now;
        synchronized (this) {
            ended = then;
            now = over;
        }
        releaseSlave();
        if (now) runEnded();
    }

    /** The spawn failed, before {@link #startReading}: both sides are closed. */
    void abandon() {
        releaseSlave();
        synchronized (this) {
            readerDone = true;
            over = true;
        }
        LibC.get().close(master);
    }

    private void releaseSlave() {
        int s;
        synchronized (this) {
            s = slave;
            slave = -1;
        }
        if (s >= 0) LibC.get().close(s);
    }

    private void finishReading() {
        boolean closeHere;
        synchronized (this) {
            readerDone = true;
            over = true;
            closeHere = !writerStarted;
        }
        if (closeHere) LibC.get().close(master);
        else keys.add(END);
        for (Viewer v : viewers) v.ended();
        runEnded();
    }

    private void runEnded() {
        Runnable r;
        synchronized (this) {
            if (!over) return;
            r = ended;
            ended = null;
        }
        if (r != null) r.run();
    }

    private static String errno() {
        int e = Native.getLastError();
        return "errno " + e;
    }
}
