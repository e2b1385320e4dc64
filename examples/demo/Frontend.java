import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Serves the demo page and proxies /api/* to BACKEND_URL. Run with: java Frontend.java */
public class Frontend {
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>devlaunch demo</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>
              body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
              .muted { color: #777; font-size: .9rem; } .error { color: #b00020; } ul { list-style: none; padding: 0; }
              li { display: flex; justify-content: space-between; padding: .6rem .8rem; border: 1px solid #e3e3e3; border-radius: 6px; margin: .4rem 0; }
            </style></head>
            <body>
              <h1>devlaunch demo</h1>
              <p class="muted">Backend time: <span id="time">loading&hellip;</span></p>
              <ul id="items"><li class="muted">Loading items&hellip;</li></ul>
              <script>
                const $ = id => document.getElementById(id);
                const esc = s => String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
                const getJson = url => fetch(url).then(async r => {
                  const body = await r.json();
                  if (!r.ok) throw new Error(body.error || r.status);
                  return body;
                });
                getJson('/api/items')
                  .then(items => $('items').innerHTML = items.map(i =>
                    `<li><span>${esc(i.name)}</span><span>$${Number(i.price).toFixed(2)}</span></li>`).join(''))
                  .catch(e => $('items').innerHTML = `<li class="error">Could not load items: ${esc(e.message)}</li>`);
                getJson('/api/time')
                  .then(t => $('time').textContent = t.now)
                  .catch(e => $('time').textContent = `unavailable (${e.message})`);
              </script>
            </body></html>
            """;

    private static final String JSON = "application/json";
    private static String backend;
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY) // never route localhost traffic via a system proxy
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public static void main(String[] args) throws IOException {
        // Before the JDK's server classes load (they read it once): without TCP_NODELAY every request
        // on a kept-alive connection waits ~40 ms for the client's delayed ACK of the headers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String host = env("HOST", "127.0.0.1");
        int port = Integer.parseInt(env("PORT", "5173"));
        backend = env("BACKEND_URL", null);
        if (backend == null) {
            System.err.println("frontend: BACKEND_URL is not set (e.g. BACKEND_URL=http://127.0.0.1:8000)");
            System.exit(2);
        }
        backend = backend.replaceAll("/+$", "");

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            System.err.println("frontend: port " + port + " is already in use (" + e + ")");
            System.exit(1);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/", Frontend::handle);
        server.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("frontend stopping");
            System.out.flush();
            server.stop(0);
            pool.shutdownNow();
        }));

        System.out.println("frontend listening on http://" + host + ":" + port + " (backend: " + backend + ")");
        System.out.flush();
    }

    private static void handle(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        int status;
        try {
            if (path.startsWith("/api/")) status = proxy(ex);
            else if (path.equals("/health")) status = send(ex, 200, JSON, "{\"status\":\"ok\"}");
            else if (path.equals("/")) status = send(ex, 200, "text/html; charset=utf-8", PAGE);
            else status = send(ex, 404, JSON, "{\"error\":\"not found\",\"path\":\"" + json(path) + "\"}");
        } finally {
            ex.close();
        }
        System.out.printf("%s %s -> %d (%.1f ms)%n", ex.getRequestMethod(), path, status, (System.nanoTime() - t0) / 1e6);
        System.out.flush();
    }

    private static int proxy(HttpExchange ex) throws IOException {
        String target = backend + ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        // Long enough to wait out a backend restart: devlaunch holds the backend's port meanwhile (proxy = true).
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(15))
                .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(ex.getRequestBody().readAllBytes()));
        String reqType = ex.getRequestHeaders().getFirst("Content-Type");
        if (reqType != null) req.header("Content-Type", reqType);
        try {
            HttpResponse<byte[]> resp = CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = resp.headers().firstValue("Content-Type").orElse("application/octet-stream");
            return send(ex, resp.statusCode(), type, resp.body());
        } catch (IOException | InterruptedException e) {
            String cause = rootMessage(e);
            System.err.println("frontend: backend unreachable at " + backend + " (" + cause + ")");
            return send(ex, 502, JSON, "{\"error\":\"backend unreachable\",\"backend\":\""
                    + json(backend) + "\",\"cause\":\"" + json(cause) + "\"}");
        }
    }

    // JDK 17's HttpClient throws ConnectException with a null message (and null-message causes)
    // on refused connections, so use the first message in the chain or else the exception's type.
    private static String rootMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c.getMessage() != null) return c.getMessage();
        return t.getClass().getName();
    }

    private static int send(HttpExchange ex, int status, String type, String body) throws IOException {
        return send(ex, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        boolean empty = body.length == 0 || ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("\\p{Cntrl}", "?");
    }

    private static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }
}
