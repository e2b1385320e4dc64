package io.devlaunch.web;

/**
 * JSON strings for the event stream and the logs API, written by hand because they are on the
 * log path (one per line a child prints). Besides what JSON requires, {@code <}, {@code >},
 * {@code &} and the JavaScript line separators are escaped, so a child's
 * {@code </script><img src=x onerror=…>} stays data wherever the text ends up.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        quote(sb, s);
        return sb.toString();
    }

    static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** {@code {"error":"…"}}. */
    static String error(String message) {
        return quote(new StringBuilder("{\"error\":"), message).append('}').toString();
    }
}
