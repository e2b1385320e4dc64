package io.devlaunch.it;

import io.devlaunch.fixtures.HttpFixture;
import io.devlaunch.json.Json;
import io.devlaunch.testing.Browser;
import io.devlaunch.testing.DashboardRun;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard page in a real browser (Debian's headless Chromium) over a real `devlaunch up`:
 * one stack and one browser for the class, each test on a freshly loaded page and its own service,
 * so they do not depend on each other's order.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class DashboardPageIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HTML_LINE = "<img src=x onerror=alert(1)>";

    private Path dir;
    private DashboardRun run;
    private Browser browser;
    private ChromeDriver page;

    @BeforeAll
    void startStackAndBrowser(@TempDir Path tempDir) throws Exception {
        Browser.assumeInstalled();
        dir = tempDir;
        int api = Fixtures.freePort();
        // talker: an HTML-looking line, coloured lines, then a tick every 200 ms (for pause).
        TestFiles.write(dir.resolve("talker.sh"), """
                printf '%s\\n' '<img src=x onerror=alert(1)>'
                printf '\\033[32mINFO\\033[0m alpha-1 ready\\n'
                printf 'beta-line 2\\n'
                printf 'delta (paren) 3\\n'
                printf '\\033[1;31mERROR\\033[0m gamma went wrong\\n' >&2
                i=0
                while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done
                """);
        // crasher: runs until the test creates crash-now, then explains itself on stderr and exits 3.
        TestFiles.write(dir.resolve("crasher.sh"), """
                echo "worker waiting for jobs"
                while [ ! -e crash-now ]; do sleep 0.02; done
                echo "FATAL: queue connection refused (QUEUE_URL=amqp://127.0.0.1:1)" >&2
                exit 3
                """);
        run = DashboardRun.start(dir, "page-it", """
                services {
                  api { command = %s, port = %d }
                  talker { command = ["sh", "talker.sh"] }
                  crasher { command = ["sh", "crasher.sh"], restart = no }
                  sleeper { command = "echo sleeper up; exec sleep 600" }
                  spare { command = "echo spare up; exec sleep 600" }
                }
                """.formatted(Fixtures.javaCommand(HttpFixture.class, api), api));
        browser = Browser.open(1280, 800);
        page = browser.driver();
        page.get(run.url);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) browser.close();
        } finally {
            if (run != null) run.close();
        }
    }

    @BeforeEach
    void freshPage() {
        page.navigate().refresh();
        await().atMost(WAIT).until(() -> connection().equals("live"));
    }

    // ------------------------------------------------------------------ helpers

    private String connection() {
        return page.findElement(By.id("conn-text")).getText();
    }

    private WebElement service(String name) {
        return page.findElement(By.cssSelector("tbody.svc[data-service='" + name + "']"));
    }

    private String cell(String name, String cls) {
        return service(name).findElement(By.cssSelector("." + cls)).getText().trim();
    }

    private WebElement button(String name, String action) {
        return service(name).findElement(By.cssSelector("button[data-action='" + action + "']"));
    }

    private void awaitState(String name, String state) {
        awaitTrue(() -> cell(name, "c-state").equals(state), name + " shows " + state);
    }

    private void awaitTrue(Callable<Boolean> condition, String what) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the page never " + what + "\nconsole:\n" + run.console(), e);
        }
    }

    /** The text of the log lines on screen, one per element. */
    private List<String> logLines() {
        return page.findElements(By.cssSelector("#log .line .msg")).stream().map(WebElement::getText).toList();
    }

    private long statusPid(String name) throws Exception {
        for (com.typesafe.config.Config c : Json.parse(run.get("/api/status")).getConfigList("services")) {
            if (c.getString("name").equals(name)) return c.getIsNull("pid") ? -1 : c.getLong("pid");
        }
        throw new AssertionError(name + " not in /api/status");
    }

    private void filter(String text, boolean regex) {
        WebElement box = page.findElement(By.id("filter"));
        WebElement toggle = page.findElement(By.id("regex"));
        if (toggle.isSelected() != regex) toggle.click();
        box.clear();
        box.sendKeys(text);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theTokenBecomesACookieAndEveryServiceShowsItsState() throws Exception {
        assertEquals(run.base() + "/", page.getCurrentUrl(), "the token left the address bar");
        assertEquals("page-it", page.findElement(By.id("project")).getText());
        assertTrue(page.findElement(By.id("supervisor")).getText().matches("supervisor PID \\d+"));
        for (String name : List.of("api", "talker", "crasher", "sleeper", "spare")) {
            assertEquals(name, service(name).findElement(By.cssSelector(".c-name .name-link")).getText());
        }
        awaitState("api", "healthy");
        awaitState("sleeper", "healthy");
        assertEquals(String.valueOf(statusPid("api")), cell("api", "c-pid"), "the PID is the real one");
        WebElement port = service("api").findElement(By.cssSelector(".c-ports a"));
        String apiPort = port.getText().substring(1);
        assertEquals("http://127.0.0.1:" + apiPort + "/", port.getAttribute("href"));
        assertEquals("_blank", port.getAttribute("target"));
        assertTrue(port.getAttribute("rel").contains("noopener"));
        assertTrue(cell("api", "c-uptime").matches("\\d+s|\\d+m \\d\\ds"), cell("api", "c-uptime"));
    }

    @Test
    void restartGivesTheServiceANewPid() throws Exception {
        awaitState("api", "healthy");
        String before = cell("api", "c-pid");
        button("api", "restart").click();
        awaitTrue(() -> !cell("api", "c-pid").equals(before) && cell("api", "c-pid").matches("\\d+")
                && cell("api", "c-state").equals("healthy"), "showed a new PID for api");
        assertEquals(String.valueOf(statusPid("api")), cell("api", "c-pid"));
        assertNotEquals(before, cell("api", "c-pid"));
    }

    @Test
    void aRefusedRequestSaysWhy() {
        awaitState("api", "healthy");
        awaitState("spare", "healthy");
        // api's restart takes a JVM start and a health check; a second one meanwhile is refused (409).
        button("api", "restart").click();
        button("spare", "restart").click();
        awaitTrue(() -> page.findElements(By.cssSelector("#toasts .toast-error")).stream()
                .anyMatch(t -> t.getText().contains("restart spare") && t.getText().contains("409")),
                        "said the restart was refused (409)");
        WebElement toast = page.findElement(By.cssSelector("#toasts .toast-error"));
        assertEquals("alert", toast.getAttribute("role"));
        toast.findElement(By.cssSelector("button.toast-close")).click();
        awaitState("api", "healthy");
    }

    @Test
    void aCrashShowsItsReasonWithinOneSecond() throws Exception {
        awaitState("crasher", "healthy");
        WebElement reasonRow = service("crasher").findElement(By.cssSelector(".reason-row"));
        assertFalse(reasonRow.isDisplayed(), "no reason while it runs");
        Files.createFile(dir.resolve("crash-now"));
        long t0 = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> reasonRow.isDisplayed()
                        && reasonRow.getText().contains("FATAL: queue connection refused"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("crash reason on the page " + ms + " ms after the trigger file");
        assertEquals("exited 3", cell("crasher", "c-state"));
        assertEquals("3", cell("crasher", "c-exit"));
        assertTrue(button("crasher", "start").isEnabled(), "an exited service can be started");
        assertFalse(button("crasher", "stop").isEnabled(), "nothing to stop");
    }

    @Test
    void anHtmlLookingLineIsShownAsText() {
        awaitTrue(() -> logLines().contains(HTML_LINE), "showed the HTML-looking line");
        assertTrue(page.findElements(By.tagName("img")).isEmpty(), "no <img> element was made from it");
        assertThrows(NoAlertPresentException.class, () -> page.switchTo().alert());
        // The colours came through as classes, the escape codes themselves are gone.
        WebElement info = page.findElement(By.xpath("//div[@id='log']//span[contains(@class,'msg')][contains(., 'alpha-1 ready')]"));
        assertEquals("INFO alpha-1 ready", info.getText());
        assertEquals("fg-2", info.findElement(By.tagName("span")).getAttribute("class"));
        assertFalse(String.join("\n", logLines()).contains("\u001b"), "no escape character reaches the page");
    }

    @Test
    void theFilterMatchesTextThenRegexAndSaysWhenARegexIsInvalid() {
        awaitTrue(() -> logLines().contains("beta-line 2"), "showed the talker's lines");
        filter("ALPHA", false);
        awaitTrue(() -> logLines().equals(List.of("INFO alpha-1 ready")),
                "kept only the alpha line (case-insensitive text)");

        filter("^beta-line \\d$", true);
        awaitTrue(() -> logLines().equals(List.of("beta-line 2")), "kept only the regex's line");
        assertEquals("", page.findElement(By.id("filter-error")).getText());

        filter("delta (", true);
        awaitTrue(() -> page.findElement(By.id("filter-error")).getText().contains("invalid regex"),
                "said the regex is invalid");
        awaitTrue(() -> logLines().equals(List.of("delta (paren) 3")), "fell back to matching the text");

        page.findElement(By.id("filter")).sendKeys(Keys.ESCAPE);
        awaitTrue(() -> logLines().size() > 4, "showed every line again after Escape");
    }

    @Test
    void pauseHoldsTheTailAndCountsNewLines() {
        awaitTrue(() -> logLines().stream().anyMatch(l -> l.startsWith("tick ")), "showed ticks");
        page.findElement(By.id("pause")).click();
        assertEquals("true", page.findElement(By.id("pause")).getAttribute("aria-pressed"));
        List<String> held = logLines();
        awaitTrue(() -> page.findElement(By.id("pending")).getText().matches("([3-9]|\\d\\d+) new lines"),
                "counted new lines while paused");
        assertEquals(held, logLines(), "nothing was painted while paused");
        String pending = page.findElement(By.id("pending")).getText();

        page.findElement(By.id("pause")).click();
        awaitTrue(() -> logLines().size() > held.size(), "painted the held lines on resume");
        assertEquals("", page.findElement(By.id("pending")).getText(), "the count is gone (it was: " + pending + ")");

        page.findElement(By.id("clear")).click();
        assertFalse(logLines().contains(HTML_LINE), "clear empties the view");
    }

    @Test
    void aServiceViewShowsOnlyItsLines() {
        page.findElement(By.cssSelector("#log-tabs button[data-view='sleeper']")).click();
        // "sleeper up" once per start (the stop/start test may have run first), and nothing of the others'.
        awaitTrue(() -> !logLines().isEmpty() && logLines().stream().allMatch("sleeper up"::equals),
                "showed only sleeper's lines");
        assertTrue(page.findElements(By.cssSelector("#log .who")).stream().noneMatch(WebElement::isDisplayed),
                "no service prefix in a one-service view");
        assertEquals("true", page.findElement(By.cssSelector("#log-tabs button[data-view='sleeper']"))
                .getAttribute("aria-selected"));
    }

    @Test
    void stopThenStartWithTheButtons() throws Exception {
        awaitState("sleeper", "healthy");
        String before = cell("sleeper", "c-pid");
        assertFalse(button("sleeper", "start").isEnabled(), "a running service cannot be started");
        button("sleeper", "stop").click();
        awaitState("sleeper", "stopped");
        assertEquals("–", cell("sleeper", "c-pid"));
        assertEquals(-1, statusPid("sleeper"));
        awaitTrue(() -> button("sleeper", "start").isEnabled() && !button("sleeper", "stop").isEnabled(),
                "enabled only Start");

        button("sleeper", "start").click();
        awaitTrue(() -> cell("sleeper", "c-state").equals("healthy") && cell("sleeper", "c-pid").matches("\\d+"),
                "started sleeper again");
        assertNotEquals(before, cell("sleeper", "c-pid"));
        assertEquals(String.valueOf(statusPid("sleeper")), cell("sleeper", "c-pid"));
    }

    @Test
    void restartWithResetAsksFirstAndCancelDoesNothing() {
        awaitState("spare", "healthy");
        String pid = cell("spare", "c-pid");
        page.findElement(By.id("restart-reset")).click();
        WebElement dialog = page.findElement(By.id("reset-dialog"));
        awaitTrue(dialog::isDisplayed, "opened the confirm dialog");
        assertTrue(dialog.getText().contains("clean"), dialog.getText());
        assertEquals("reset-cancel", page.switchTo().activeElement().getAttribute("id"), "Cancel has the focus");
        page.findElement(By.id("reset-cancel")).click();
        assertFalse(dialog.isDisplayed());
        assertEquals(pid, cell("spare", "c-pid"), "nothing was restarted");
    }

    @Test
    void aNarrowWindowTurnsRowsIntoCards() {
        page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 420, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        try {
            JavascriptExecutor js = page;
            awaitTrue(() -> "none"
                    .equals(js.executeScript("return getComputedStyle(document.querySelector('#services thead')).display")),
                    "hid the table header");
            assertEquals("block",
                    js.executeScript("return getComputedStyle(document.querySelector('tbody.svc')).display"));
            Number overflow = (Number) js.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "nothing sticks out sideways");
            assertTrue(button("api", "restart").isDisplayed());
        } finally {
            page.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 800,
                    "deviceScaleFactor", 1, "mobile", false));
        }
    }

    @Test
    void everyControlIsAButtonReachableByKeyboard() {
        JavascriptExecutor js = page;
        Number clickables = (Number) js.executeScript(
                "return document.querySelectorAll('[onclick], div[role=button], span[role=button]').length");
        assertEquals(0, clickables.intValue(), "controls are real buttons");
        // Tab from the top reaches the first service's Restart button.
        page.findElement(By.tagName("body")).click();
        WebElement target = button("api", "restart");
        boolean reached = false;
        for (int i = 0; i < 40 && !reached; i++) {
            page.switchTo().activeElement().sendKeys(Keys.TAB);
            reached = target.equals(page.switchTo().activeElement());
        }
        assertTrue(reached, "Tab reaches api's Restart button");
    }
}
