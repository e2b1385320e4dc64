package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.proxy.UnavailablePage.Sniff;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Telling HTTP/1.x from anything else by its first bytes, and the 503 page. */
class UnavailablePageTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n      | HEAD",
            "POST /api?q=1 HTTP/1.0\\r\\n                 | REQUEST_LINE",
            "GET / HTTP/1.1\\n\\n                         | HEAD",
            "GE                                          | MORE",
            "GET /very/long/path                         | MORE",
            "PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n     | NOT_HTTP",
            "get / HTTP/1.1\\r\\n                         | NOT_HTTP",
            "*1\\r\\n$4\\r\\nPING\\r\\n                   | NOT_HTTP",
            "GET / SSH-2.0\\r\\n                          | NOT_HTTP",
            "SSH-2.0-OpenSSH_9.2\\r\\n                    | NOT_HTTP",
            "GET /a\\tb HTTP/1.1\\r\\n                    | NOT_HTTP",
    })
    void sniffsTheFirstBytes(String bytes, Sniff expected) {
        byte[] b = bytes.strip().replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(expected, UnavailablePage.sniff(b, b.length));
    }

    @Test
    void aTlsClientHelloIsNotHttpFromItsFirstByte() {
        assertEquals(Sniff.NOT_HTTP, UnavailablePage.sniff(new byte[] {0x16, 0x03, 0x01}, 3));
    }

    @Test
    void theReasonLosesTerminalEscapesAndControlCharactersAndIsEscaped() {
        byte[] req = Sockets.get("/", "text/html").getBytes(StandardCharsets.ISO_8859_1);
        String page = new String(UnavailablePage.response(req, req.length, "web<1>", "failed",
                "\u001B[31mError:\u001B[0m port <b>in use</b>\u0007\nsecond line"), StandardCharsets.UTF_8);
        assertTrue(page.contains("Error: port &lt;b&gt;in use&lt;/b&gt;\nsecond line"), page);
        assertTrue(page.contains("web&lt;1&gt;"), page);
        assertFalse(page.contains("\u001B") || page.contains("\u0007"), page);
    }

    @Test
    void plainTextUnlessTheClientAsksForHtml() {
        byte[] req = Sockets.get("/", "*/*").getBytes(StandardCharsets.ISO_8859_1);
        String page = new String(UnavailablePage.response(req, req.length, "api", "failed", "<x>"), StandardCharsets.UTF_8);
        assertTrue(page.contains("Content-Type: text/plain; charset=utf-8") && page.contains("X-Content-Type-Options: nosniff"), page);
        assertTrue(page.endsWith("503: api is failed\n<x>\n(answered by devlaunch, which holds this port for the service)\n"), page);
    }

    @Test
    void holdLimitsReadTheWayTheyAreConfigured() {
        assertEquals("30s", UnavailablePage.describe(Duration.ofSeconds(30)));
        assertEquals("1.5s", UnavailablePage.describe(Duration.ofMillis(1500)));
        assertEquals("250ms", UnavailablePage.describe(Duration.ofMillis(250)));
        assertEquals("1.25s", UnavailablePage.describe(Duration.ofMillis(1250)));
    }

    @Test
    void statsSummaryIsTheConsolesLine() {
        assertEquals("held 3 connections, longest 0.84s", new HoldStats(3, Duration.ofMillis(840), 0).summary());
        assertEquals("held 1 connection, longest 2.00s, 1 refused", new HoldStats(1, Duration.ofSeconds(2), 1).summary());
    }
}
