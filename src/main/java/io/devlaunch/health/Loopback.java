package io.devlaunch.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * "localhost" means both loopbacks: Java resolves it to 127.0.0.1 first while a Node dev server
 * may listen on ::1 only, so a check on localhost tries each. And the connect the checks make.
 */
final class Loopback {
    private Loopback() {}

    static List<String> addressesFor(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return List.of("127.0.0.1", "::1");
        return List.of(h);
    }

    /**
     * A blocking TCP connect to one address, within {@code timeoutMs}: the one the TCP and HTTP
     * checks both make ({@link ListenProbe}'s is non-blocking on purpose: it only asks whether
     * anything listens). The caller closes the socket.
     */
    static Socket connect(String address, int port, int timeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(address, port), timeoutMs);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The host as it goes into a URL: IPv6 literals in brackets. */
    static String urlHost(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
