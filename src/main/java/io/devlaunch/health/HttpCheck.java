package io.devlaunch.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Ready when a GET answers 2xx, or exactly {@code expectStatus} when one is given. */
public final class HttpCheck implements HealthCheck {
    private final URI uri;
    private final int expectStatus;

    public HttpCheck(URI uri, int expectStatus) {
        this.uri = uri;
        this.expectStatus = expectStatus;
    }

    @Override
    public ProbeResult probe() {
        ProbeResult last = null;
        for (String address : Loopback.addressesFor(uri.getHost())) {
            last = probe(withHost(address));
            if (last.ready()) return last;
        }
        return last;
    }

    private ProbeResult probe(URI target) {
        String what = "GET " + uri;
        try {
            HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(2)).GET()
                    .header("User-Agent", "devlaunch-health").build();
            HttpResponse<byte[]> res = Client.HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
            int status = res.statusCode();
            boolean ok = expectStatus == 0 ? status / 100 == 2 : status == expectStatus;
            if (ok) return ProbeResult.ready(what + " → " + status);
            String extra = status / 100 == 3 ? " (redirect to " + res.headers().firstValue("location").orElse("?") + ")"
                    : firstLine(res.body());
            return ProbeResult.notReady(what + " → " + status + extra
                    + (expectStatus == 0 ? " (expected 2xx)" : " (expected " + expectStatus + ")"));
        } catch (ConnectException e) {
            return ProbeResult.notReady(what + ": connection refused on " + Loopback.urlHost(target.getHost()) + ":" + port());
        } catch (HttpTimeoutException e) {
            return ProbeResult.notReady(what + ": no answer within 2s (the port accepts, the server does not respond)");
        } catch (IOException e) {
            return ProbeResult.notReady(what + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.notReady(what + ": interrupted");
        }
    }

    private int port() {
        return uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    private URI withHost(String address) {
        if (!uri.getHost().equalsIgnoreCase("localhost")) return uri;
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), address, uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    private static String firstLine(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 500), StandardCharsets.UTF_8).strip();
        if (s.isEmpty()) return "";
        int nl = s.indexOf('\n');
        return ": " + (nl >= 0 ? s.substring(0, nl).strip() : s);
    }

    @Override
    public String describe() {
        return "GET " + uri;
    }

    /** One client for every check: it owns a selector thread. Never through a proxy, never following redirects. */
    private static final class Client {
        static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(500))
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }
}
