package io.devlaunch.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One direction of a spliced connection: bytes read from {@code source}, written to {@code sink},
 * untouched, through one direct buffer. The buffer is either filling (empty, ready for a read) or
 * draining (holding what one read got, until the sink took all of it): the source is read only when
 * the buffer is empty. That is the back-pressure: a sink that does not take bytes leaves the buffer
 * full, the source stops being read, its kernel buffers fill and its sender's writes block. At most
 * {@link BufferPool#BUFFER_SIZE} bytes are ever held here, and there is never a compaction copy.
 * Loop thread only.
 */
final class Flow {
    private final SocketChannel source;
    private final SocketChannel sink;
    private final ProxyLoop loop;
    private ByteBuffer buffer;          // null once released
    private boolean draining;           // buffer is flipped and holds bytes for the sink
    private boolean eof;                // the source sent its FIN
    private boolean shut;               // the FIN was passed on: shutdownOutput on the sink
    private long lastBytes = System.nanoTime();     // when bytes last moved: an idle keep-alive can be closed

    Flow(SocketChannel source, SocketChannel sink, ProxyLoop loop) {
        this.source = source;
        this.sink = sink;
        this.loop = loop;
        this.buffer = loop.buffers().take();
    }

    /** Whether to watch the source for reading: only with an empty buffer and no FIN seen. */
    boolean wantsRead() {
        return !draining && !eof;
    }

    /** Whether to watch the sink for writing: only while bytes are waiting for it. */
    boolean wantsWrite() {
        return draining;
    }

    boolean done() {
        return shut;
    }

    /** The source is readable: one read, then at once try to pass it on (saves a select round). */
    void fill() throws IOException {
        if (!wantsRead()) return;
        int n = source.read(buffer);
        if (n < 0) {
            eof = true;
        } else if (n > 0) {
            lastBytes = System.nanoTime();
            loop.addBuffered(n);
            buffer.flip();
            draining = true;
        }
        drain();
    }

    /** The sink is writable (or may be): write what is waiting; pass a FIN on once all is written. */
    void drain() throws IOException {
        if (draining) {
            int n = sink.write(buffer);
            loop.addBuffered(-n);
            if (buffer.hasRemaining()) return;
            buffer.clear();
            draining = false;
        }
        if (eof && !shut) {
            shut = true;
            // Half-close: the other side may still be sending; it reads our FIN, not a close.
            sink.shutdownOutput();
        }
    }

    /** Nothing waiting here, and no bytes since {@code since} (System.nanoTime). */
    boolean quietSince(long since) {
        return !draining && lastBytes - since < 0;
    }

    long lastBytes() {
        return lastBytes;
    }

    /** Gives the buffer back; whatever it still held is dropped with the connection. */
    void release() {
        if (buffer == null) return;
        if (draining) loop.addBuffered(-buffer.remaining());
        loop.buffers().give(buffer);
        buffer = null;
        draining = false;
    }
}
