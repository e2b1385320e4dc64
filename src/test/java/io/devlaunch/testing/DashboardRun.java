package io.devlaunch.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged jar's {@code devlaunch up} (attached, as a user runs it) in a project folder, with
 * its dashboard on a free port; {@link #close()} runs {@code devlaunch down} and waits for it to end.
 */
public final class DashboardRun implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("dashboard: (http://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]+))");

    private final Path dir;
    private final JarRun.Running up;
    public final String url;
    public final int port;
    public final String token;

    private DashboardRun(Path dir, JarRun.Running up, String url, int port, String token) {
        this.dir = dir;
        this.up = up;
        this.url = url;
        this.port = port;
        this.token = token;
    }

    /** Writes {@code launcher.conf} (project, a dashboard block on a free port, then {@code services}), starts up, waits for the URL. */
    public static DashboardRun start(Path dir, String project, String services) throws Exception {
        int port = Fixtures.freePort();
        TestFiles.write(dir.resolve("launcher.conf"), "project = \"" + project + "\"\ndashboard { port = " + port + " }\n" + services);
        JarRun.Running up = JarRun.start(dir, "up", "--no-color");
        try {
            Matcher[] found = new Matcher[1];
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
                if (!up.process().isAlive()) throw new AssertionError("devlaunch up ended:\n" + up.text());
                Matcher m = URL.matcher(up.text());
                if (!m.find()) return false;
                found[0] = m;
                return true;
            });
            Matcher m = found[0];
            return new DashboardRun(dir, up, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
        } catch (Throwable t) {
            up.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw t;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The dashboard's root, without the token. */
    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Everything {@code up} printed so far. */
    public String console() {
        return up.text();
    }

    /** GET an API path with the bearer token (as a script would), the body as text. */
    public String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("GET " + path + " → " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    @Override
    public void close() throws Exception {
        try {
            JarRun.run(dir, "down");
        } finally {
            if (!up.process().waitFor(30, TimeUnit.SECONDS)) {
                up.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("devlaunch up did not end after `devlaunch down`:\n" + up.text());
            }
        }
    }
}
