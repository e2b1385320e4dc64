package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar: `stop` and `start` of one service of a detached stack, seen through `status --json`. */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class StopStartIT {
    @TempDir
    Path dir;

    private Config service(String name) throws Exception {
        JarRun.Result r = JarRun.run(dir, "status", "--json");
        for (Config c : Json.parse(r.out()).getConfigList("services")) if (c.getString("name").equals(name)) return c;
        throw new AssertionError(name + " not in " + r.out());
    }

    @AfterEach
    void down() throws Exception {
        JarRun.run(dir, "down");
    }

    @Test
    void aStoppedServiceStaysStoppedUntilStartedAndTheOtherRunsOn() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  db { command = "sleep 300 & echo db-child=$!; wait", health.log = "db-child=", before-start = ["echo run >> starts.log"] }
                  web { command = "echo web-up; exec sleep 300", health.log = "web-up", depends-on = [db] }
                }
                """);
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        long db = service("db").getLong("pid");
        long web = service("web").getLong("pid");

        JarRun.Result stop = JarRun.run(dir, "stop", "db");
        assertEquals(0, stop.code(), stop.out());
        assertTrue(stop.out().contains("stopped db"), stop.out());
        assertEquals("stopped", service("db").getString("state"));
        assertTrue(Fixtures.gone(db));
        assertEquals("healthy", service("web").getString("state"));
        assertEquals(web, service("web").getLong("pid"));

        JarRun.Result start = JarRun.run(dir, "start", "db");
        assertEquals(0, start.code(), start.out());
        assertTrue(start.out().contains("healthy in") && start.out().contains("started db"), start.out());
        assertEquals("healthy", service("db").getString("state"));
        assertNotEquals(db, service("db").getLong("pid"));

        JarRun.Result unknown = JarRun.run(dir, "stop", "wbe");
        assertEquals(2, unknown.code(), unknown.out());
        assertTrue(unknown.out().contains("did you mean 'web'"), unknown.out());
    }

    /**
     * A proxied service's public port is devlaunch's own proxy, which accepts whatever the service's
     * state: status must probe the service itself (its private port), and a stopped one not at all.
     */
    @Test
    void aStoppedProxiedServiceIsNeverShownHealthyThroughItsProxy() throws Exception {
        int port = Fixtures.freePort();
        proxiedHttpFixture(port);
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        Config running = service("srv");
        assertEquals("healthy", running.getString("state"));
        assertTrue(running.getString("health").contains("accepts"), running.root().render());

        assertEquals(0, JarRun.run(dir, "stop", "srv").code());
        Config stopped = service("srv");
        assertEquals("stopped", stopped.getString("state"));
        assertEquals("not checked: stopped", stopped.getString("health"), "no probe of the proxy: "
                + stopped.root().render());
        assertTrue(!stopped.getIsNull("reason"), "a reason: " + stopped.root().render());
        JarRun.Result table = JarRun.run(dir, "status");
        assertTrue(!table.out().contains("ok TCP"), "the proxy's accept is not the service's health\n" + table.out());
    }

    /** `restart` prints how many connections its proxied port held before it says "restarted" (it came after, at times). */
    @Test
    void restartSaysWhatItsProxiedPortHeldBeforeItEnds() throws Exception {
        int port = Fixtures.freePort();
        proxiedHttpFixture(port, "400");
        assertEquals(0, JarRun.run(dir, "up", "--detach").code());
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> {
            try {
                http.send(get, java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // counted by other tests; here only the console's order matters
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, 0, 10, TimeUnit.MILLISECONDS);
        try {
            JarRun.Result restart = JarRun.run(dir, "restart", "srv");
            assertEquals(0, restart.code(), restart.out());
            String out = restart.out().replaceAll(" {2,}", " ");
            int held = out.indexOf("srv port " + port + ": held");
            assertTrue(held >= 0 && held < out.indexOf("restarted"), out);   // the 400 ms start held the poller
        } finally {
            poller.shutdownNow();
            poller.awaitTermination(35, TimeUnit.SECONDS);
        }
    }

    /** One service, srv: HttpFixture ({@code args} after its port) behind {@code proxy = true} on {@code port}. */
    private void proxiedHttpFixture(int port, String... args) {
        Object[] argv = new Object[args.length + 1];
        argv[0] = "$PORT";
        System.arraycopy(args, 0, argv, 1, args.length);
        TestFiles.write(dir.resolve("launcher.conf"), """
                dashboard.enabled = false
                services {
                  srv { command = %s, port = %d, proxy = true, health.tcp = "127.0.0.1:%d" }
                }
                """.formatted(Fixtures.javaCommand(io.devlaunch.fixtures.HttpFixture.class, argv), port, port));
    }
}
