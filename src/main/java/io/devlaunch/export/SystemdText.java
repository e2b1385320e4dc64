package io.devlaunch.export;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Quoting for systemd unit files (systemd.syntax, systemd.service "Command lines", systemd.exec
 * {@code Environment=}): {@code %} starts a specifier everywhere, so it is written {@code %%};
 * in command lines {@code $} starts a variable, so it is written {@code $$}; a word with anything
 * but plain characters is double-quoted, with C-style escapes for {@code \}, {@code "} and control
 * characters (a newline can only be written as {@code \n}).
 */
public final class SystemdText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@+=:,./-]+");

    private SystemdText() {}

    /** One word of an {@code Exec*=} command line. */
    public static String execWord(String word) {
        String w = word.replace("%", "%%").replace("$", "$$");
        return PLAIN.matcher(word).matches() ? w : "\"" + escape(w) + "\"";
    }

    public static String execLine(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) sb.append(sb.length() > 0 ? " " : "").append(execWord(a));
        return sb.toString();
    }

    /** One {@code Environment=} assignment, quoted as a whole ({@code $} means nothing there). */
    public static String environment(String key, String value) {
        return "\"" + escape((key + "=" + value).replace("%", "%%")) + "\"";
    }

    /** A path setting ({@code WorkingDirectory=}, {@code EnvironmentFile=}): taken literally but for specifiers. */
    public static String path(String path) {
        if (path.indexOf('\n') >= 0 || path.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a path with a line break cannot be written in a unit file: " + path);
        }
        return path.replace("%", "%%");
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
