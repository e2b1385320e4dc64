package io.devlaunch.it;

import io.devlaunch.fixtures.EchoFixture;
import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.testing.Browser;
import io.devlaunch.testing.DashboardRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's picture: a realistic stack (a store, an API, a worker that fails, a web front end,
 * all with coloured output) on the dashboard at 1280×800, saved as target/dashboard.png (and in
 * dark mode as target/dashboard-dark.png, and 420 px wide as target/dashboard-narrow.png). {@code -Ddashboard.screenshot=docs/dashboard.png}
 * also copies the light one there, which is how docs/dashboard.png is made.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(180)
class DashboardScreenshotIT {
    @TempDir
    Path dir;

    @Test
    void savesA1280x800PictureOfARealisticStack() throws Exception {
        Browser.assumeInstalled();
        int db = Fixtures.freePort();
        int api = Fixtures.freePort();
        int web = Fixtures.freePort();
        writeScripts(db, api, web);
        String services = """
                services {
                  db { command = %s, port = %d }
                  api { command = %s, port = %d, depends-on = [db], watch = ["src"] }
                  worker { command = ["sh", "worker.sh"], depends-on = [db], restart = on-failure, max-restarts = 2 }
                  web { command = %s, port = %d, depends-on = [api] }
                }
                """.formatted(wrapped("db.sh", EchoFixture.class, db), db, wrapped("api.sh", HttpFixture.class, api), api,
                wrapped("web.sh", HttpFixture.class, web), web);
        Files.createDirectories(dir.resolve("src"));
        try (DashboardRun run = DashboardRun.start(dir, "shop-dev", services); Browser browser = Browser.open(1280, 800)) {
            ChromeDriver page = browser.driver();
            page.get(run.url);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() ->
                    state(page, "worker").equals("failed") && state(page, "db").equals("healthy")
                            && state(page, "api").equals("healthy") && state(page, "web").equals("healthy")
                            && page.findElements(By.cssSelector("#log .line")).size() >= 30);
            // Past the first "0s" of uptime, and the pointer away from the rows (no hover colours).
            await().atMost(Duration.ofSeconds(10)).until(() -> !uptime(page, "web").equals("0s") && !uptime(page, "web").equals("1s"));
            byte[] light = page.getScreenshotAs(OutputType.BYTES);
            page.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
            byte[] dark = page.getScreenshotAs(OutputType.BYTES);
            page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 420, "height", 900, "deviceScaleFactor", 1, "mobile", true));
            byte[] narrow = page.getScreenshotAs(OutputType.BYTES);

            BufferedImage image = ImageIO.read(new ByteArrayInputStream(light));
            assertEquals(1280, image.getWidth());
            assertEquals(800, image.getHeight());
            Path out = Path.of("target/dashboard.png");
            Files.write(out, light);
            Files.write(Path.of("target/dashboard-dark.png"), dark);
            Files.write(Path.of("target/dashboard-narrow.png"), narrow);
            String copy = System.getProperty("dashboard.screenshot", "");
            if (!copy.isEmpty()) {
                Path to = Path.of(copy).toAbsolutePath();
                Files.createDirectories(to.getParent());
                Files.copy(out, to, StandardCopyOption.REPLACE_EXISTING);
            }
            assertTrue(page.findElement(By.cssSelector("tbody.svc[data-service='worker'] .reason-row")).getText()
                    .contains("KeyError: 'QUEUE_URL'"), "the failed worker's reason is in the picture");
        }
    }

    private static String state(ChromeDriver page, String name) {
        return page.findElement(By.cssSelector("tbody.svc[data-service='" + name + "'] .c-state")).getText().trim();
    }

    private static String uptime(ChromeDriver page, String name) {
        return page.findElement(By.cssSelector("tbody.svc[data-service='" + name + "'] .c-uptime")).getText().trim();
    }

    /** A command running {@code script} with the fixture's java command as its arguments (the script ends in exec "$@"). */
    private static String wrapped(String script, Class<?> fixture, int port) {
        return Fixtures.javaArgv(fixture, List.of(), port).stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[\"sh\", \"" + script + "\", ", "]"));
    }

    private void writeScripts(int db, int api, int web) {
        TestFiles.write(dir.resolve("db.sh"), """
                ts() { printf '\\033[2m%s\\033[0m' "$(date -u '+%H:%M:%S.%3N')"; }
                echo "$(ts) LOG:  starting dev store (data in .data/db)"
                echo "$(ts) LOG:  listening on 127.0.0.1:$1"
                echo "$(ts) LOG:  database system is ready to accept connections"
                ( while sleep 2.5; do echo "$(ts) LOG:  checkpoint complete: wrote $(( $(date +%S) % 17 + 3 )) buffers"; done ) &
                exec "$@"
                """.replace("$1", String.valueOf(db)));
        TestFiles.write(dir.resolve("api.sh"), """
                printf '\\033[36m[api]\\033[0m loading config from .env.development\\n'
                printf '\\033[32mINFO\\033[0m  connected to db at 127.0.0.1:%s (pool 10)\\n' DBPORT
                printf '\\033[32mINFO\\033[0m  routes: /api/cart /api/orders /api/health\\n'
                (
                  i=0
                  while sleep 0.6; do
                    i=$((i+1))
                    case $((i % 5)) in
                      0) printf '\\033[33mWARN\\033[0m  slow query orders.by_customer took \\033[1m%d ms\\033[0m\\n' $((i * 37 % 400 + 250)) ;;
                      1) printf '\\033[32mINFO\\033[0m  POST /api/cart/items \\033[32m201\\033[0m %d ms\\n' $((i % 9 + 4)) ;;
                      3) printf '\\033[32mINFO\\033[0m  GET /api/orders?page=%d \\033[31m500\\033[0m %d ms  \\033[31mdeadline exceeded\\033[0m\\n' $((i % 4 + 1)) $((i % 30 + 40)) ;;
                      *) printf '\\033[32mINFO\\033[0m  GET /api/cart \\033[32m200\\033[0m %d ms\\n' $((i % 13 + 2)) ;;
                    esac
                  done
                ) &
                exec "$@"
                """.replace("DBPORT", String.valueOf(db)));
        TestFiles.write(dir.resolve("worker.sh"), """
                echo "worker: connecting to the job queue"
                echo 'Traceback (most recent call last):' >&2
                echo '  File "worker/main.py", line 12, in <module>' >&2
                echo '    queue = connect(os.environ["QUEUE_URL"])' >&2
                printf '\\033[31mKeyError: %s\\033[0m\\n' "'QUEUE_URL'" >&2
                exit 1
                """);
        TestFiles.write(dir.resolve("web.sh"), """
                printf '\\n  \\033[1;32mVITE\\033[0m \\033[32mv5.4.2\\033[0m  ready in \\033[1m412\\033[0m ms\\n'
                printf '  \\033[32m➜\\033[0m  \\033[1mLocal\\033[0m:   \\033[36mhttp://127.0.0.1:%s/\\033[0m\\n' WEBPORT
                printf '  \\033[32m➜\\033[0m  proxy /api → http://127.0.0.1:%s\\n' APIPORT
                ( while sleep 3.1; do printf '\\033[2m%s\\033[0m \\033[36m[vite]\\033[0m hmr update \\033[2m/src/Cart.tsx\\033[0m\\n' "$(date -u +%H:%M:%S)"; done ) &
                exec "$@"
                """.replace("APIPORT", String.valueOf(api)).replace("WEBPORT", String.valueOf(web)));
    }
}
