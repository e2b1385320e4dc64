package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * One direction of a spliced connection: bytes read from {@code source}, written to {@code sink},
 * untouched, through one direct buffer. The buffer is taken from the {@link BufferPool} for a read
 * and given back once the sink took all of it, so a flow with nothing waiting holds none (a slow
 * request waiting for its answer costs no buffer). The source is read only when nothing waits for
 * the sink. That is the back-pressure: a sink that does not take bytes leaves the buffer full, the
 * source stops being read, its kernel buffers fill and its sender's writes block. At most
 * {@link BufferPool#BUFFER_SIZE} bytes are ever held here, and there is never a compaction copy.
 * Loop thread only.
 */
final class Flow {
    private final SocketChannel source;
    private final SocketChannel sink;
    private final ProxyLoop loop;
    private final Runnable onBuffer;    // a buffer we waited for arrived: look at interest again
    private final Observer observer;    // HTTP framing reads what passes (no copy)
    private final boolean eofAsked;     // a FIN from the source is passed on only by passEof()
    private final Consumer<ByteBuffer> granted = this::granted;
    private ByteBuffer buffer;          // null unless bytes wait in it (or a waited-for one arrived)
    private ByteBuffer pending;         // what a held client sent before the splice, written first
    private boolean starved;            // waiting for the pool: do not watch the source
    private boolean released;
    private boolean draining;           // buffer is flipped and holds bytes for the sink
    private boolean eof;                // the source sent its FIN
    private boolean shut;               // the FIN was passed on: shutdownOutput on the sink
    private long lastBytes = System.nanoTime();     // when bytes last moved: an idle keep-alive can be closed

    /** Sees every byte that passes, where it lies in the buffer, before it is written on. */
    interface Observer {
        void bytes(ByteBuffer b, int from, int to);
    }

    /**
     * With {@code eofAsked} the source's FIN waits for {@link #passEof}: a service closing a
     * kept-alive connection between exchanges need not close the client's (the proxy moves it).
     */
    Flow(SocketChannel source, SocketChannel sink, ProxyLoop loop, Runnable onBuffer, Observer observer, boolean eofAsked) {
        this.source = source;
        this.sink = sink;
        this.loop = loop;
        this.onBuffer = onBuffer;
        this.observer = observer;
        this.eofAsked = eofAsked;
    }

    /** Whether to watch the source for reading: nothing waiting, no FIN seen, not waiting for a buffer. */
    boolean wantsRead() {
        return !draining && pending == null && !eof && !starved && !released;
    }

    /** Whether to watch the sink for writing: only while bytes are waiting for it. */
    boolean wantsWrite() {
        return draining || pending != null;
    }

    /** Bytes read from the source before this flow existed (a held client's request): they go first. */
    void prefill(byte[] bytes) {
        pending = ByteBuffer.wrap(bytes);
        lastBytes = System.nanoTime();
        observer.bytes(pending, 0, bytes.length);
    }

    boolean done() {
        return shut;
    }

    /** The source is readable: one read, then at once try to pass it on (saves a select round). */
    void fill() throws IOException {
        if (!wantsRead()) return;
        if (buffer == null) {
            buffer = loop.buffers().take(granted);
            if (buffer == null) {
                starved = true;   // the pool calls granted() with the next buffer given back
                return;
            }
        }
        int n = source.read(buffer);
        if (n < 0) {
            eof = true;
        } else if (n > 0) {
            lastBytes = System.nanoTime();
            loop.addBuffered(n);
            observer.bytes(buffer, buffer.position() - n, buffer.position());
            buffer.flip();
            draining = true;
        }
        drain();
    }

    /** The sink is writable (or may be): write what is waiting; pass a FIN on once all is written. */
    void drain() throws IOException {
        if (pending != null) {
            sink.write(pending);
            if (pending.hasRemaining()) return;
            pending = null;
        }
        if (draining) {
            int n = sink.write(buffer);
            loop.addBuffered(-n);
            if (buffer.hasRemaining()) return;
            draining = false;
        }
        giveBack();
        if (eof && !shut && !eofAsked) passEof();
    }

    /** The source's FIN came and all its bytes were written: waiting for {@link #passEof}. */
    boolean eofWaiting() {
        return eof && !shut && !draining && pending == null;
    }

    void passEof() throws IOException {
        shut = true;
        // Half-close: the other side may still be sending; it reads our FIN, not a close.
        sink.shutdownOutput();
    }

    /** No bytes wait here for the sink, and the source has not ended. */
    boolean empty() {
        return !draining && pending == null && !eof;
    }

    private void granted(ByteBuffer b) {
        if (released) {
            loop.buffers().give(b);
            return;
        }
        buffer = b;
        starved = false;
        onBuffer.run();
    }

    private void giveBack() {
        if (buffer == null) return;
        ByteBuffer b = buffer;
        buffer = null;
        loop.buffers().give(b);
    }

    /** Nothing waiting here, and no bytes since {@code since} (System.nanoTime). */
    boolean quietSince(long since) {
        return !draining && pending == null && lastBytes - since < 0;
    }

    long lastBytes() {
        return lastBytes;
    }

    /** Gives the buffer back; whatever it still held is dropped with the connection. */
    void release() {
        if (released) return;
        released = true;
        pending = null;
        if (starved) loop.buffers().cancel(granted);
        if (draining) loop.addBuffered(-buffer.remaining());
        draining = false;
        giveBack();
    }
}
