package io.devlaunch.export;

import io.devlaunch.TextEscape;

/**
 * YAML scalars written by hand: every string double-quoted, so no value is ever read back as a
 * number, a boolean ({@code no}, {@code on}), null, a comment or a flow collection — the classic
 * YAML traps — and every character that is not plain printable text is escaped. Close to a JSON
 * string (runstate's), but YAML also reads NEL, LS and PS as line breaks and a BOM as a marker, so
 * those are escaped too.
 */
public final class YamlText {
    private YamlText() {}

    public static String quote(String s) {
        return TextEscape.quote(new StringBuilder(s.length() + 2), s, YamlText::unprintable).toString();
    }

    /**
     * A {@code # comment} line's text: one line of printable text, whatever the input held. Every
     * character {@link #quote} would write as an escape ({@code " \} aside, which are plain text
     * in a comment) becomes a space: a comment cannot escape, and YAML 1.1 readers (PyYAML, so
     * docker-compose 1.29) end the line at NEL and refuse C0 controls.
     */
    public static String comment(String s) {
        return TextEscape.oneLine(s, c -> c == '\t' || unprintable(c));
    }

    /** C0/C1 controls, DEL, and the characters YAML treats as line breaks (NEL, LS, PS) or a BOM. */
    private static boolean unprintable(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff';
    }
}
