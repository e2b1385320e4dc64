package io.devlaunch.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
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
    /**
     * One attempt, from connect to the end of what is read: a per-read timeout alone let a server
     * that trickles a byte now and then (or a localhost whose two loopbacks both hang) hold a probe
     * thread for as long as it liked. 2.5 s keeps the answer its 2 s after a slow connect.
     */
    static final Duration BUDGET = Duration.ofMillis(2500);

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
        long deadline = System.nanoTime() + BUDGET.toNanos();
        ProbeResult last = null;
        for (String address : Loopback.addressesFor(uri.getHost())) {
            // the first address took it all: say what it found
            if (last != null && Budget.millisLeft(deadline) == 0) break;
            last = "https".equals(uri.getScheme()) ? probeTls(address, deadline) : probePlain(address, deadline);
            if (last.ready()) return last;
        }
        return last;
    }

    @Override
    public Duration budget() {
        return BUDGET;
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

    private ProbeResult probePlain(String address, long deadline) {
        DeadlineInput in = null;
        int connectMs = (int) Math.min(CONNECT_TIMEOUT_MS, Budget.millisLeft(deadline));
        try (Socket s = Loopback.connect(address, port(), connectMs)) {
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: devlaunch-health\r\nAccept: */*\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            in = new DeadlineInput(s, deadline);
            String statusLine = readLine(in);
            String[] parts = statusLine == null ? new String[0] : statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                return ProbeResult.notReady(what() + ": the port answered, but not with HTTP (" + quote(statusLine)
                        + ")");
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
            if (in == null) return ProbeResult.notReady(what() + ": no connection to " + Loopback.urlHost(address)
                    + ":" + port()
                    + " within " + connectMs + " ms");
            if (in.received() == 0) return ProbeResult.notReady(what() + ": no answer within " + Budget.seconds(BUDGET)
                    + " (the port accepts connections, the server does not respond)");
            return ProbeResult.notReady(what() + ": the answer did not finish within " + Budget.seconds(BUDGET)
                    + " (the server sent "
                    + in.received() + " bytes, then stalled)");
        } catch (IOException | NumberFormatException e) {
            return ProbeResult.notReady(what() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }

    private ProbeResult probeTls(String address, long deadline) {
        java.util.concurrent.CompletableFuture<HttpResponse<String>> sent = null;
        try {
            boolean rewrite = uri.getHost().equalsIgnoreCase("localhost")
                    || connectPort != HealthTarget.ofUrl(uri).port();
            URI target = new URI(uri.getScheme(), uri.getUserInfo(), address, connectPort, uri.getPath(),
                    uri.getQuery(), null);
            HttpRequest req = HttpRequest.newBuilder(rewrite ? target : uri)
                    .timeout(Duration.ofMillis(Budget.millisLeft(deadline))).GET().header("User-Agent",
                            "devlaunch-health").build();
            // The request's own timeout ends at the headers; the wait below also bounds a trickled body.
            sent = Tls.CLIENT.sendAsync(req, HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> res = sent.get(Budget.millisLeft(deadline),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
            if (ok(res.statusCode())) return ProbeResult.ready(what() + " → " + res.statusCode());
            String body = res.body().strip();
            return ProbeResult.notReady(what() + " → " + res.statusCode()
                    + (body.isEmpty() ? "" : ": " + body.lines().findFirst().orElse("")) + expected());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException) {
                return ProbeResult.notReady(what() + ": connection refused on " + Loopback.urlHost(address) + ":"
                        + port());
            }
            if (cause instanceof HttpTimeoutException) return noTlsAnswer();
            return ProbeResult.notReady(what() + ": " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage()));
        } catch (java.util.concurrent.TimeoutException e) {
            sent.cancel(true);      // aborts the exchange: its connection is not left to the server's pace
            return noTlsAnswer();
        } catch (java.net.URISyntaxException e) {
            return ProbeResult.notReady(what() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            if (sent != null) sent.cancel(true);
            Thread.currentThread().interrupt();
            return ProbeResult.notReady(what() + ": interrupted");
        }
    }

    private ProbeResult noTlsAnswer() {
        return ProbeResult.notReady(what() + ": no complete answer within " + Budget.seconds(BUDGET));
    }

    private boolean ok(int status) {
        return expectStatus == 0 ? status / 100 == 2 : status == expectStatus;
    }

    private String expected() {
        return expectStatus == 0 ? " (expected 2xx)" : " (expected " + expectStatus + ")";
    }

    /** ": <first line of the body>", or "" when there is none. */
    private static String bodyLine(InputStream in, boolean chunked) throws IOException {
        try {
            String line = readLine(in);
            if (chunked) line = readLine(in);          // the first line of a chunked body is the chunk size
            while (line != null && line.isBlank()) line = readLine(in);
            return line == null ? "" : ": " + line.strip();
        } catch (SocketTimeoutException e) {
            return "";      // the status is the finding; a body that never comes only adds nothing to it
        }
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
        return "GET " + uri + (connectPort != HealthTarget.ofUrl(uri).port() ? " (on its private port " + connectPort
                + ")" : "");
    }

    /**
     * The socket's input, each read allowed only what is left of the attempt's budget (a socket
     * timeout counts per read, so alone it would restart with every byte), buffered as before.
     */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream raw;
        private final long deadline;
        private final byte[] buf = new byte[1024];
        private int pos;
        private int len;
        private long received;

        DeadlineInput(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.raw = socket.getInputStream();
            this.deadline = deadline;
        }

        long received() {
            return received;
        }

        @Override
        public int read() throws IOException {
            if (pos == len) {
                long left = Budget.millisLeft(deadline);
                if (left == 0) throw new SocketTimeoutException("budget spent");
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                int n = raw.read(buf, 0, buf.length);
                if (n <= 0) return -1;
                received += n;
                pos = 0;
                len = n;
            }
            return buf[pos++] & 0xff;
        }
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
