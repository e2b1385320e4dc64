package io.devlaunch.export;

/**
 * YAML scalars written by hand: every string double-quoted, so no value is ever read back as a
 * number, a boolean ({@code no}, {@code on}), null, a comment or a flow collection — the classic
 * YAML traps — and every character that is not plain printable text is escaped. Close to a JSON
 * string (ipc's), but YAML also reads NEL, LS and PS as line breaks and a BOM as a marker, so
 * those are escaped too.
 */
public final class YamlText {
    private YamlText() {}

    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    // C0/C1 controls, DEL, and the characters YAML treats as line breaks or a BOM.
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A {@code # comment} line's text: one line, whatever the input held. */
    public static String comment(String s) {
        return s.replaceAll("[\\r\\n\\u2028\\u2029]+", " ");
    }
}
