package io.devlaunch.health;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Ready when a GET answers 2xx, or exactly {@code expectStatus} when one is given. Plain http is
 * spoken over a socket — one request, {@code Connection: close} — because the JDK's HttpClient
 * costs tens of milliseconds of class loading on its first answer, which is exactly when readiness
 * is measured; https goes through HttpClient.
 */
public final class HttpCheck implements HealthCheck {
    private static final int CONNECT_TIMEOUT_MS = 500;
    private static final int READ_TIMEOUT_MS = 2000;

    private final URI uri;
    private final int expectStatus;
    private final int connectPort;

    public HttpCheck(URI uri, int expectStatus) {
        this(uri, expectStatus, HealthTarget.ofUrl(uri).port());
    }

    /**
     * @param connectPort where to connect: the URL's port, or — for a service behind devlaunch's
     *                    proxy — its private port; the request itself (Host header) stays as written
     */
    public HttpCheck(URI uri, int expectStatus, int connectPort) {
        this.uri = uri;
        this.expectStatus = expectStatus;
        this.connectPort = connectPort;
    }

    @Override
    public ProbeResult probe() {
        ProbeResult last = null;
        for (String address : Loopback.addressesFor(uri.getHost())) {
            last = "https".equals(uri.getScheme()) ? probeTls(address) : probePlain(address);
            if (last.ready()) return last;
        }
        return last;
    }

    @Override
    public java.util.Optional<ListenProbe> listenProbe() {
        return ListenProbe.forLoopback(uri.getHost(), connectPort);
    }

    private int port() {
        return connectPort;
    }

    private String what() {
        return "GET " + uri;
    }

    private ProbeResult probePlain(String address) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port()), CONNECT_TIMEOUT_MS);
            s.setSoTimeout(READ_TIMEOUT_MS);
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: devlaunch-health\r\nAccept: */*\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream(), 1024);
            String statusLine = readLine(in);
            String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                return ProbeResult.notReady(what() + ": the port answered, but not with HTTP (" + quote(statusLine) + ")");
            }
            int status = Integer.parseInt(parts[1]);
            String location = null;
            boolean chunked = false;
            for (String h; (h = readLine(in)) != null && !h.isEmpty(); ) {
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.startsWith("location:")) location = h.substring(9).trim();
                if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) chunked = true;
            }
            if (ok(status)) return ProbeResult.ready(what() + " → " + status);
            String extra = status / 100 == 3 ? " (redirect to " + location + ")" : bodyLine(in, chunked);
            return ProbeResult.notReady(what() + " → " + status + extra + expected());
        } catch (ConnectException e) {
            return ProbeResult.notReady(what() + ": connection refused on " + Loopback.urlHost(address) + ":" + port());
        } catch (SocketTimeoutException e) {
            return ProbeResult.notReady(what() + ": no answer within " + READ_TIMEOUT_MS / 1000
                    + "s (the port accepts connections, the server does not respond)");
        } catch (IOException | NumberFormatException e) {
            return ProbeResult.notReady(what() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private ProbeResult probeTls(String address) {
        try {
            boolean rewrite = uri.getHost().equalsIgnoreCase("localhost") || connectPort != HealthTarget.ofUrl(uri).port();
            URI target = new URI(uri.getScheme(), uri.getUserInfo(), address, connectPort, uri.getPath(), uri.getQuery(), null);
            HttpRequest req = HttpRequest.newBuilder(rewrite ? target : uri)
                    .timeout(Duration.ofMillis(READ_TIMEOUT_MS)).GET().header("User-Agent", "devlaunch-health").build();
            HttpResponse<String> res = Tls.CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
            if (ok(res.statusCode())) return ProbeResult.ready(what() + " → " + res.statusCode());
            String body = res.body().strip();
            return ProbeResult.notReady(what() + " → " + res.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.lines().findFirst().orElse("")) + expected());
        } catch (ConnectException e) {
            return ProbeResult.notReady(what() + ": connection refused on " + Loopback.urlHost(address) + ":" + port());
        } catch (HttpTimeoutException e) {
            return ProbeResult.notReady(what() + ": no answer within " + READ_TIMEOUT_MS / 1000 + "s");
        } catch (IOException | java.net.URISyntaxException e) {
            return ProbeResult.notReady(what() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.notReady(what() + ": interrupted");
        }
    }

    private boolean ok(int status) {
        return expectStatus == 0 ? status / 100 == 2 : status == expectStatus;
    }

    private String expected() {
        return expectStatus == 0 ? " (expected 2xx)" : " (expected " + expectStatus + ")";
    }

    /** ": <first line of the body>", or "" when there is none. */
    private static String bodyLine(InputStream in, boolean chunked) throws IOException {
        String line = readLine(in);
        if (chunked) line = readLine(in);          // the first line of a chunked body is the chunk size
        while (line != null && line.isBlank()) line = readLine(in);
        return line == null ? "" : ": " + line.strip();
    }

    /** One line (without CR LF), at most 500 bytes, or null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r' && sb.length() < 500) sb.append((char) b);
        }
        return b == -1 && sb.length() == 0 ? null : new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"";
    }

    @Override
    public String describe() {
        return "GET " + uri + (connectPort != HealthTarget.ofUrl(uri).port() ? " (on its private port " + connectPort + ")" : "");
    }

    /** Only https needs the JDK client; it owns a selector thread, so there is one, made on first use. */
    private static final class Tls {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS))
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
