package io.devlaunch.export;

import java.util.List;
import java.util.regex.Pattern;

/** POSIX {@code sh} quoting: an argv written as one shell line that splits back into the same words. */
public final class ShellWords {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {}

    /** One word: as it is when nothing in it is special to sh, else single-quoted ({@code '} as {@code '\''}). */
    public static String quote(String word) {
        if (SAFE.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (String w : argv) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(quote(w));
        }
        return sb.toString();
    }
}
