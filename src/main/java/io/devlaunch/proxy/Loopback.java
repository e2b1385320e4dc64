package io.devlaunch.proxy;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;

/** The loopback addresses the proxy connects to a service on, by literal (never DNS on the loop). */
final class Loopback {
    static final InetAddress IPV4 = literal(new byte[] {127, 0, 0, 1});
    static final InetAddress IPV6 = literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    /** Whether this machine has ::1 at all: without it a second connect attempt is pointless. */
    static final boolean HAS_IPV6 = hasIpv6();

    private Loopback() {
    }

    static InetSocketAddress address(boolean v6, int port) {
        return new InetSocketAddress(v6 ? IPV6 : IPV4, port);
    }

    /** A non-blocking channel of that family, Nagle off (small answers go out at once). */
    static SocketChannel open(boolean v6) throws IOException {
        SocketChannel ch;
        try {
            ch = SocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        } catch (UnsupportedOperationException e) {
            throw new IOException("no IPv6 here", e);
        }
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return ch;
    }

    static void closeQuietly(SocketChannel ch) {
        try {
            ch.close();   // also cancels its key
        } catch (IOException e) {
            // the descriptor is released all the same
        }
    }

    private static boolean hasIpv6() {
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(IPV6);
            return lo != null && lo.inetAddresses().anyMatch(a -> a instanceof Inet6Address);
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
