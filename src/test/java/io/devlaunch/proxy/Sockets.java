package io.devlaunch.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Client-side helpers for the proxy's tests: real sockets on 127.0.0.1, bounded waits. */
final class Sockets {
    static final int READ_TIMEOUT_MS = 5_000;

    private Sockets() {}

    /** An ephemeral port that was free a moment ago (the kernel picked it). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            return s.getLocalPort();
        }
    }

    static Socket connect(int port) throws IOException {
        return connect("127.0.0.1", port);
    }

    static Socket connect(String host, int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getByName(host), port), READ_TIMEOUT_MS);
        s.setSoTimeout(READ_TIMEOUT_MS);   // a hung proxy fails the test instead of hanging it
        return s;
    }

    /** Everything until EOF. */
    static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    static String readAllText(Socket s) throws IOException {
        return new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
    }

    /** Reads up to and including the blank line that ends a request or response head. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            sb.append((char) c);
            if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) break;
        }
        return sb.toString();
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
    }

    static String get(String path, String accept) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (accept == null ? "" : "Accept: " + accept + "\r\n") + "\r\n";
    }
}
