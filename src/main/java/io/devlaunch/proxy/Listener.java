package io.devlaunch.proxy;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiConsumer;

/** One bound public address (127.0.0.1:port or [::1]:port): accepts and hands each connection on. */
final class Listener implements ProxyLoop.Handler {
    // The kernel's queue of connections not yet accepted: a burst of reconnecting clients after a
    // restart must not be refused by the kernel while the loop is busy.
    private static final int BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final int port;
    private final InetSocketAddress address;
    private BiConsumer<SocketChannel, Integer> onAccept;
    private ProxyLoop loop;
    private SelectionKey key;

    private Listener(ServerSocketChannel channel, int port, InetSocketAddress address) {
        this.channel = channel;
        this.port = port;
        this.address = address;
    }

    /**
     * Binds every port on 127.0.0.1 and, where the machine has IPv6 loopback, on ::1 (clients that
     * resolve "localhost" to ::1 must reach the proxy, not a refusal). All or nothing: on a failure
     * what was bound is closed again.
     */
    static List<Listener> bindAll(Collection<Integer> ports) throws IOException {
        List<Listener> bound = new ArrayList<>();
        try {
            for (int port : ports) {
                bound.add(bind(StandardProtocolFamily.INET, Loopback.IPV4, port, true));
                Listener v6 = bind(StandardProtocolFamily.INET6, Loopback.IPV6, port, false);
                if (v6 != null) bound.add(v6);
            }
            return bound;
        } catch (IOException | RuntimeException e) {
            for (Listener l : bound) l.closeQuietly();
            throw e;
        }
    }

    /** null when the address does not exist here and {@code required} is false (no IPv6 loopback). */
    private static Listener bind(ProtocolFamily family, InetAddress host, int port, boolean required) throws IOException {
        ServerSocketChannel ch;
        try {
            ch = ServerSocketChannel.open(family);
        } catch (UnsupportedOperationException | IOException e) {
            if (required) throw new IOException("cannot listen on " + where(host, port) + ": " + e.getMessage(), e);
            return null;   // no IPv6 in this JVM or kernel
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        try {
            // So that a restart of devlaunch can bind again while old connections sit in TIME_WAIT;
            // on Linux and macOS this does not let two listeners share the port.
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(address, BACKLOG);
            ch.configureBlocking(false);
            return new Listener(ch, port, address);
        } catch (IOException e) {
            ch.close();
            boolean inUse = e instanceof BindException && String.valueOf(e.getMessage()).contains("in use");
            // ::1 in use is an error too: "localhost" clients would reach whoever holds it.
            if (inUse) throw new BindException("cannot listen on " + where(host, port) + ": the port is in use (another process listens on it)");
            if (required) throw new IOException("cannot listen on " + where(host, port) + ": " + e.getMessage(), e);
            return null;   // EADDRNOTAVAIL and the like: no ::1 on this machine
        }
    }

    private static String where(InetAddress host, int port) {
        return (host instanceof java.net.Inet6Address ? "[::1]" : "127.0.0.1") + ":" + port;
    }

    void register(ProxyLoop loop, BiConsumer<SocketChannel, Integer> onAccept) throws IOException {
        this.onAccept = onAccept;
        this.loop = loop;
        this.key = channel.register(loop.selector(), SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        // One accept per wakeup, as nginx does: looping until accept() finds none costs a failing
        // syscall per connection, and the selector is level-triggered, so a burst still drains.
        SocketChannel client = channel.accept();
        if (client == null) return;
        try {
            client.configureBlocking(false);
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);   // latency: no Nagle on small answers
        } catch (IOException e) {
            client.close();   // reset before we got to it
            return;
        }
        onAccept.accept(client, port);
    }

    @Override
    public void failed(Throwable e) {
        // accept() failing (EMFILE: out of descriptors) must not close the public port, nor spin:
        // the connection stays in the kernel's backlog; look again in a moment.
        if (!key.isValid()) return;
        key.interestOps(0);
        loop.timers().schedule(System.nanoTime() + 100_000_000L, () -> {
            if (key.isValid()) key.interestOps(SelectionKey.OP_ACCEPT);
        });
    }

    InetSocketAddress address() {
        return address;
    }

    void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a listening socket only fails if it is closed already
        }
    }
}
