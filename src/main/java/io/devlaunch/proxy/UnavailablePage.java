package io.devlaunch.proxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of a refusal, pure functions: does a connection's first bytes look like an HTTP/1.x
 * request, and the 503 that answers it. The reason is a child's output — text, never markup — so
 * it is HTML-escaped (an {@code <img onerror>} in a crash line must show as text) and stripped of
 * terminal escapes and control characters.
 */
final class UnavailablePage {
    enum Sniff {
        /** Cannot be an HTTP/1.x request: close. */
        NOT_HTTP,
        /** Could still be one: read on. */
        MORE,
        /** An HTTP/1.x request line, headers not all in yet. */
        REQUEST_LINE,
        /** The whole request head (up to the blank line). */
        HEAD
    }

    private static final int MAX_METHOD = 24;
    private static final int MAX_REASON = 4000;
    private static final Pattern REQUEST_LINE = Pattern.compile("^[A-Z_-]{1,24} [^\\s]+ HTTP/1\\.[0-9]\\r?\\n");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[@-Z\\\\-_]");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F]");
    private static final Pattern ACCEPT = Pattern.compile("(?im)^accept:([^\\r\\n]*)");

    private UnavailablePage() {}

    /** Classifies the first {@code len} bytes a client sent. */
    static Sniff sniff(byte[] b, int len) {
        int i = 0;
        while (i < len && i <= MAX_METHOD && isMethodChar(b[i])) i++;
        if (i == len) return len > MAX_METHOD ? Sniff.NOT_HTTP : Sniff.MORE;
        if (i == 0 || b[i] != ' ') return Sniff.NOT_HTTP;
        int eol = indexOf(b, len, (byte) '\n', i);
        if (eol < 0) {
            // No control byte in a request line; a long one is still HTTP (a big query string).
            for (int j = i + 1; j < len; j++) if ((b[j] & 0xff) < 0x20 && b[j] != '\r') return Sniff.NOT_HTTP;
            return Sniff.MORE;
        }
        String line = new String(b, 0, eol + 1, StandardCharsets.ISO_8859_1);
        if (!REQUEST_LINE.matcher(line).find()) return Sniff.NOT_HTTP;
        String text = new String(b, 0, len, StandardCharsets.ISO_8859_1);
        return text.contains("\r\n\r\n") || text.contains("\n\n") ? Sniff.HEAD : Sniff.REQUEST_LINE;
    }

    /**
     * The whole 503 response for the request head in {@code b}: HTML when the client asks for it
     * (a browser), plain text otherwise (curl, fetch, an API client), no body for HEAD.
     */
    static byte[] response(byte[] b, int len, String service, String state, String reason) {
        String head = new String(b, 0, len, StandardCharsets.ISO_8859_1);
        Matcher accept = ACCEPT.matcher(head);
        boolean html = accept.find() && accept.group(1).toLowerCase(Locale.ROOT).contains("text/html");
        String cleanReason = clean(reason);
        byte[] body = (html ? html(service, state, cleanReason) : text(service, state, cleanReason))
                .getBytes(StandardCharsets.UTF_8);
        String headers = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: " + (html ? "text/html" : "text/plain") + "; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Retry-After: 1\r\n"
                + "Cache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\n"   // plain text stays text, whatever it holds
                + "Connection: close\r\n\r\n";
        byte[] h = headers.getBytes(StandardCharsets.ISO_8859_1);
        boolean headRequest = head.startsWith("HEAD ");
        byte[] out = new byte[h.length + (headRequest ? 0 : body.length)];
        System.arraycopy(h, 0, out, 0, h.length);
        if (!headRequest) System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** "30s", "1.5s", "250ms": a hold limit as the page and the console say it. */
    static String describe(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        if (ms % 1000 == 0) return (ms / 1000) + "s";
        return String.format(Locale.ROOT, "%.2f", ms / 1000.0).replaceAll("0+$", "") + "s";
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String html(String service, String state, String reason) {
        String svc = escape(clean(service));
        String st = escape(clean(state));
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>" + svc + " is " + st + " · devlaunch</title>"
                + "<style>body{font:15px/1.5 system-ui,sans-serif;max-width:46em;margin:3em auto;padding:0 1em}"
                + "pre{white-space:pre-wrap;background:#f3f3f3;padding:.8em;border-radius:4px}</style></head>\n"
                + "<body><h1>503: " + svc + " is " + st + "</h1>\n"
                + "<p>devlaunch holds this port for the service <b>" + svc + "</b>, which is <b>" + st + "</b>:</p>\n"
                + "<pre>" + escape(reason) + "</pre>\n"
                + "<p>This answer is devlaunch's, not the service's. Try again once it is back.</p></body></html>\n";
    }

    private static String text(String service, String state, String reason) {
        return "503: " + clean(service) + " is " + clean(state) + "\n" + reason + "\n"
                + "(answered by devlaunch, which holds this port for the service)\n";
    }

    private static String clean(String s) {
        if (s == null) return "";
        String t = CONTROL.matcher(ANSI.matcher(s).replaceAll("")).replaceAll("");
        return t.length() > MAX_REASON ? t.substring(0, MAX_REASON) + "…" : t;
    }

    private static boolean isMethodChar(byte c) {
        return (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
    }

    private static int indexOf(byte[] b, int len, byte x, int from) {
        for (int i = from; i < len; i++) if (b[i] == x) return i;
        return -1;
    }
}
