package io.devlaunch;

import java.util.function.IntPredicate;

/**
 * The one escape loop behind devlaunch's double-quoted strings (JSON in {@code runstate}, YAML and
 * systemd units in {@code export}): {@code "} and {@code \} backslashed, newline, CR and tab as {@code \n \r \t},
 * and each character the caller's set names as {@code \}{@code uXXXX} (or {@code \xHH}). Each format passes its own set,
 * since what must be escaped differs (YAML reads NEL as a line break, a page reads {@code <} as markup).
 * Here at the root so both may use it without depending on each other.
 */
public final class TextEscape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextEscape() {}

    /** How a character of the caller's set is written: {@code \}{@code u00e9} (JSON, YAML) or {@code \x07} (systemd, C). */
    public enum Form { UNICODE, HEX_BYTE }

    /** Appends {@code s} to {@code sb} between double quotes, escaping as above; returns {@code sb}. */
    public static StringBuilder quote(StringBuilder sb, String s, IntPredicate asUnicode) {
        return escape(sb.append('"'), s, asUnicode, Form.UNICODE).append('"');
    }

    /** Appends {@code s} to {@code sb} escaped as above, without quotes, the caller's set in {@code form}; returns {@code sb}. */
    public static StringBuilder escape(StringBuilder sb, String s, IntPredicate escaped, Form form) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (!escaped.test(c)) sb.append(c);
                    else if (form == Form.UNICODE) sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15]).append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                    else sb.append("\\x").append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
                }
            }
        }
        return sb;
    }

    /**
     * {@code s} for one line of the console: line breaks, tabs and other control characters shown
     * escaped ({@code \n}, {@code \t}, {@code \x1b}), quotes and backslashes left as they are —
     * so a multi-line shell command reads as the one command it is, and cannot forge a second line.
     */
    public static String controlsEscaped(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0);
            if (!control) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append("\\x").append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * {@code s} as one line for a comment or free-text setting, where nothing can be escaped: each
     * run of characters in {@code unwritable} (always including CR and LF) becomes one space, as
     * one line break would.
     */
    public static String oneLine(String s, IntPredicate unwritable) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean replaced = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad = c == '\n' || c == '\r' || unwritable.test(c);
            if (!bad) sb.append(c);
            else if (!replaced) sb.append(' ');
            replaced = bad;
        }
        return sb.toString();
    }
}
