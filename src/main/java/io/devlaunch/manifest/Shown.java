package io.devlaunch.manifest;

/**
 * Text from the manifest as a message shows it: a 2 MB value or key is cut to its first few dozen
 * characters (a message is read by a person, and must not cost megabytes to build), and control
 * characters are written out ({@code \0}, {@code \u001b}) so they neither vanish nor reach the
 * terminal as escape sequences.
 */
final class Shown {
    static final int MAX = 60;

    private Shown() {}

    /** {@code text}, cut to {@value #MAX} characters plus "… (N chars)" when longer. */
    static String of(String text) {
        if (text == null) return "null";
        boolean cut = text.length() > MAX;
        String head = cut ? text.substring(0, MAX) : text;
        StringBuilder sb = new StringBuilder(head.length() + 16);
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '\0') sb.append("\\0");
            else if (Character.isISOControl(c) && c != '\t') sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        if (cut) sb.append("… (").append(text.length()).append(" chars)");
        return sb.toString();
    }

    /** {@code text} in double quotes, cut like {@link #of}: {@code "abc…" (2000000 chars)}. */
    static String quoted(String text) {
        if (text.length() <= MAX) return '"' + of(text) + '"';
        return '"' + of(text.substring(0, MAX)) + "…\" (" + text.length() + " chars)";
    }

    /**
     * A message from Typesafe Config, which quotes the manifest's own text (a token, a path): every
     * run of more than {@value #MAX} characters without a space in it is cut like {@link #of}.
     */
    static String message(String message) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < message.length()) {
            int end = i;
            while (end < message.length() && !Character.isWhitespace(message.charAt(end))) end++;
            sb.append(of(message.substring(i, end)));
            int next = end;
            while (next < message.length() && Character.isWhitespace(message.charAt(next))) next++;
            sb.append(message, end, next);
            i = next;
        }
        return sb.toString();
    }
}
