package io.devlaunch.watch;

import java.util.regex.Pattern;

/**
 * Glob to regex, with gitignore's meaning of {@code **}: {@code src/**}{@code /*.py} also matches
 * {@code src/a.py}. The JDK's "glob:" matcher does not (its {@code **}{@code /} needs at least one
 * folder), and users write watch globs and .gitignore lines the same way, so one translation serves
 * both.
 *
 * <p>Supported: {@code *} (within one path segment), {@code ?}, {@code [abc]}, {@code [a-z]},
 * {@code [!abc]}, {@code **} as a whole segment (any depth, including none), {@code \x} escapes.
 */
final class Glob {
    private Glob() {}

    /** True when the text has a wildcard, i.e. is a glob rather than a literal path. */
    static boolean isGlob(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[') return true;
            if (c == '\\') i++;
        }
        return false;
    }

    /** Compiles a '/'-separated glob; it must match the whole path. */
    static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
            if (c == '*' && i + 1 < n && glob.charAt(i + 1) == '*' && segmentStart
                    && (i + 2 == n || glob.charAt(i + 2) == '/')) {
                if (i + 2 == n) {
                    re.append(".*");              // trailing "**": everything below
                } else {
                    re.append("(?:[^/]+/)*");     // "**/": zero or more folders
                    i++;                          // the '/' is consumed with the "**"
                }
                i++;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = classEnd(glob, i);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) body = "^" + body.substring(1);
                    re.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static int classEnd(String glob, int open) {
        int j = open + 1;
        if (j < glob.length() && glob.charAt(j) == '!') j++;
        if (j < glob.length() && glob.charAt(j) == ']') j++; // "[]abc]": a leading ']' is literal
        for (; j < glob.length(); j++) {
            if (glob.charAt(j) == ']') return j;
            if (glob.charAt(j) == '/') return -1;
        }
        return -1;
    }
}
