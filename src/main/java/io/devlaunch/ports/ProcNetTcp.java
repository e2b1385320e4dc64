package io.devlaunch.ports;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Parses Linux {@code /proc/net/tcp} and {@code /proc/net/tcp6}: the LISTEN sockets in them. */
final class ProcNetTcp {
    private static final String LISTEN = "0A";

    private ProcNetTcp() {}

    /** A listening socket: local address, port and the socket inode that links it to a process. */
    record Listener(String address, int port, long inode) {}

    static List<Listener> parseListeners(String content) {
        List<Listener> out = new ArrayList<>();
        String[] lines = content.split("\n");
        for (int i = 1; i < lines.length; i++) {          // line 0 is the header
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 10 || !LISTEN.equals(f[3])) continue;
            int colon = f[1].indexOf(':');
            out.add(new Listener(address(f[1].substring(0, colon)), Integer.parseInt(f[1].substring(colon + 1), 16),
                    Long.parseLong(f[9])));
        }
        return out;
    }

    /** The kernel prints addresses as 32-bit words in host order (little-endian on x86 and arm64). */
    static String address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int src = (word * 4 + (3 - b)) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(src, src + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();   // a v4-mapped v6 comes back as v4
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address in /proc/net/tcp: " + hex, e);
        }
    }
}
