import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Tiny JSON API for the devlaunch demo. Run with: java Backend.java */
public class Backend {
    private static final long STARTED = System.nanoTime();

    private static final String ITEMS = """
            [{"id":1,"name":"Coffee beans","price":12.5},\
            {"id":2,"name":"Ceramic mug","price":8.0},\
            {"id":3,"name":"Pour-over filter","price":4.25}]""";

    public static void main(String[] args) throws IOException {
        // Before the JDK's server classes load (they read it once): without TCP_NODELAY every request
        // on a kept-alive connection waits ~40 ms for the client's delayed ACK of the headers.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String host = env("HOST", "127.0.0.1");
        int port = Integer.parseInt(env("PORT", "8000"));

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (BindException e) {
            System.err.println("backend: port " + port + " is already in use (" + e + ")");
            System.exit(1);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/", Backend::handle);
        server.start();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("backend stopping");
            System.out.flush();
            server.stop(0);
            pool.shutdownNow();
        }));

        System.out.println("backend listening on http://" + host + ":" + port);
        System.out.flush();
    }

    private static void handle(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        int status;
        try {
            if (!method.equals("GET") && !method.equals("HEAD")) {
                status = send(ex, 405, "{\"error\":\"method not allowed\",\"method\":\"" + json(method) + "\"}");
            } else {
                status = switch (path) {
                    case "/health" -> send(ex, 200, "{\"status\":\"ok\",\"uptimeMs\":"
                            + (System.nanoTime() - STARTED) / 1_000_000 + "}");
                    case "/api/items" -> send(ex, 200, ITEMS);
                    case "/api/time" -> send(ex, 200, "{\"now\":\"" + Instant.now() + "\"}");
                    default -> send(ex, 404, "{\"error\":\"not found\",\"path\":\"" + json(path) + "\"}");
                };
            }
        } finally {
            ex.close();
        }
        System.out.printf("%s %s -> %d (%.1f ms)%n", method, path, status, (System.nanoTime() - t0) / 1e6);
        System.out.flush();
    }

    private static int send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
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
