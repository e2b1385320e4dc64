package io.devlaunch.ipc;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client of the control socket. Its fields belong to the channel's I/O thread; only the
 * {@link Replies} methods are called from elsewhere (a request's worker, the console writer
 * through a tap), and they only touch the thread-safe {@link Outbox}.
 */
final class Connection implements ControlChannel.Replies {
    enum Phase {
        /** Reading the request line, under the request deadline. */
        READING,
        /** The request runs (or was answered); nothing more is read. Closes once the answer is sent. */
        REPLYING,
        /** Refused before a whole request was read: the refusal is sent, then the rest of the input is read and dropped
         *  until the client closes or the linger ends — closing on unread input could cost the client our answer. */
        DISCARDING
    }

    final SocketChannel channel;
    final Outbox outbox;
    private final Runnable wake;
    SelectionKey key;
    Phase phase = Phase.READING;
    ByteBuffer in;
    int scanned;            // bytes of {@code in} already searched for the newline
    ByteBuffer out;         // rendered replies being written
    long deadline;          // READING: the request's; DISCARDING: the linger's end
    long lastTaken;         // when replies were last taken from the outbox: keep-alives go out after silence
    long pendingSince = -1; // output waiting since (or last progress at); -1 when nothing waits
    boolean outputShut;

    Connection(SocketChannel channel, Outbox outbox, Runnable wake, long now) {
        this.channel = channel;
        this.outbox = outbox;
        this.wake = wake;
        this.lastTaken = now;
    }

    @Override
    public void line(String text) {
        if (outbox.line(text)) wake.run();
    }

    @Override
    public void done(boolean ok, String message) {
        if (outbox.done(new Protocol.Done(ok, message))) wake.run();
    }

    boolean pending() {
        return out != null && out.hasRemaining();
    }
}
