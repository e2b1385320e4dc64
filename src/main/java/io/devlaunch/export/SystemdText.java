package io.devlaunch.export;

import io.devlaunch.DevLaunchException;
import io.devlaunch.TextEscape;
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

    /**
     * A path setting ({@code WorkingDirectory=}, {@code EnvironmentFile=}): taken literally but for
     * specifiers, so a control character (a line break would start a new directive) cannot be
     * written at all: exit 2, naming where the path comes from.
     * @param where the service and manifest key, e.g. {@code "service api: dir"}
     */
    public static String path(String path, String where) {
        for (int i = 0; i < path.length(); i++) {
            if (control(path.charAt(i))) {
                throw DevLaunchException.badInput(where + " is " + YamlText.quote(path) + ", which holds a line break or"
                        + " another control character that a systemd unit file cannot hold; rename it, then export again");
            }
        }
        return path.replace("%", "%%");
    }

    /**
     * Free text in a setting ({@code Description=}): one line, every control character (CR, LF, NEL,
     * LS, PS, other C0/C1) a space, so manifest text cannot start a directive of its own.
     */
    public static String text(String s) {
        return oneLine(s).replace("%", "%%");
    }

    /** {@code s} with each run of control characters as one space. */
    public static String oneLine(String s) {
        return TextEscape.oneLine(s, SystemdText::control);
    }

    private static boolean control(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    /** C escapes: {@code \\ " \n \r \t}, and the other C0 controls and DEL as {@code \xHH}. */
    private static String escape(String s) {
        return TextEscape.escape(new StringBuilder(s.length()), s, c -> c < 0x20 || c == 0x7f, TextEscape.Form.HEX_BYTE).toString();
    }
}
