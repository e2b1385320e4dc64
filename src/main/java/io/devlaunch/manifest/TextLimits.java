package io.devlaunch.manifest;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cheap look at a manifest's text before Typesafe Config parses it. Its parser and resolver
 * recurse once per level of nesting and per link in a chain of substitutions, keep every key and
 * value as objects, and resolve a key that refers to itself again and again ({@code l += 1} …) in
 * time that grows with the cube of how often it does. So text no person writes — brackets 2,000
 * deep, a million keys, 800 {@code +=} on one list — would end in a StackOverflowError, an
 * OutOfMemoryError or minutes of CPU (with the CLI's {@code -Xss512k -Xmx64m}). Counting first is
 * deterministic, costs one pass over the characters, and lets the message say where and what.
 *
 * <p>The limits are far above any hand-written manifest and well below what breaks. What no count
 * foresees (substitutions that double a value again and again) is left to the loader's backstop.
 */
final class TextLimits {
    /** Levels of { and [; a manifest uses about five. Parsing 500 fails on a 512 KB stack. */
    static final int MAX_DEPTH = 64;
    /** ${…} and +=; a chain of 1,000 substitutions overflows a 512 KB stack. */
    static final int MAX_SUBSTITUTIONS = 500;
    /** Of one key to itself (+=, or key = ${key} …): 50 resolve in a tenth of a second, 200 in seconds, 800 in minutes. */
    static final int MAX_SELF_REFERENCES = 50;
    /** Keys, values and punctuation; half a million of them fill a 64 MB heap. */
    static final int MAX_TOKENS = 100_000;

    /** Also stands for a key too long to follow: no key path starts with NUL, so nothing refers to it. */
    private static final String IN_LIST = "\0[";
    /** Longer keys are not followed (a key of 100,000 words would cost quadratic time to build). */
    private static final int LONGEST_KEY = 1000;

    private final String text;
    private final Path file;
    private int line = 1;
    private int tokens;
    private int substitutions;
    private final Map<String, Integer> selfReferences = new HashMap<>();
    // Which key a value belongs to, roughly: the block path, the last key read, the key being defined.
    private final Deque<String> blocks = new ArrayDeque<>();
    private String lastKey;
    private String definedKey;
    private boolean inValue;

    private TextLimits(String text, Path file) {
        this.text = text;
        this.file = file;
    }

    /** The first limit the text goes past, as a problem at the line where it does. */
    static Optional<Problem> check(String text, Path file) {
        return Optional.ofNullable(new TextLimits(text, file).scan());
    }

    private Problem scan() {
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            int end = i + 1;
            Problem p = null;
            if (c == '\n' || c == ',') {
                endOfField();
            } else if (c == '"') {
                end = endOfQuoted(text, i);
                read(text.substring(i + 1, Math.max(i + 1, end - 1)));
            } else if (c == '#' || (c == '/' && next == '/')) {
                int eol = text.indexOf('\n', i);
                end = eol < 0 ? n : eol;
            } else if (c == '{' || c == '[') {
                tokens++;
                String parent = blocks.peek();
                String path = c == '[' || IN_LIST.equals(parent) ? IN_LIST
                        : inValue ? definedKey          // a = { … }
                        : key();                        // a { … }
                blocks.push(path == null ? IN_LIST : path);
                inValue = c == '[';
                lastKey = null;
                if (blocks.size() > MAX_DEPTH) {
                    p = problem("nested too deep: more than " + MAX_DEPTH
                            + " levels of { and [, where a manifest needs a handful; is this the file you meant?");
                }
            } else if (c == '}' || c == ']') {
                tokens++;
                if (!blocks.isEmpty()) blocks.pop();
                endOfField();
            } else if (c == '=' || c == ':' || (c == '+' && next == '=')) {
                tokens++;
                definedKey = key();
                inValue = true;
                if (c == '+') {
                    end = i + 2;
                    p = substitution(definedKey);
                }
            } else if (c == '$' && next == '{') {
                end = endOfSubstitution(text, i);
                String path = text.substring(i + 2, Math.max(i + 2, end - 1)).trim();
                p = substitution(path.startsWith("?") ? path.substring(1).trim() : path);
            } else if (!Character.isWhitespace(c)) {
                end = i + 1;
                while (end < n && isWordChar(text.charAt(end))) end++;
                read(text.substring(i, end));
            }
            if (p == null && tokens > MAX_TOKENS) {
                p = problem("more than " + MAX_TOKENS + " keys, values and brackets, where a manifest has a few hundred;"
                        + " is this the right file?");
            }
            if (p != null) return p;
            line += count(text, i, end, '\n');
            i = end;
        }
        return null;
    }

    /** After a newline, a comma or a closing bracket: a key comes next, unless this is a list. */
    private void endOfField() {
        inValue = IN_LIST.equals(blocks.peek());
        lastKey = null;
    }

    /** A key or a value; only a key (before =, : or {) says which key a value belongs to. */
    private void read(String word) {
        tokens++;
        if (inValue || IN_LIST.equals(lastKey)) return;
        int length = (lastKey == null ? 0 : lastKey.length()) + word.length();
        lastKey = length > LONGEST_KEY ? IN_LIST : lastKey == null ? word : lastKey + word;
    }

    private Problem substitution(String path) {
        tokens++;
        if (++substitutions > MAX_SUBSTITUTIONS) {
            return problem("more than " + MAX_SUBSTITUTIONS + " substitutions (${…} and +=), where a manifest needs a few"
                    + " dozen; is this the file you meant?");
        }
        if (path != null && path.equals(definedKey) && selfReferences.merge(path, 1, Integer::sum) > MAX_SELF_REFERENCES) {
            return problem(Shown.of(path) + " refers to itself (+= or ${" + Shown.of(path) + "}) more than " + MAX_SELF_REFERENCES
                    + " times, which takes minutes to resolve; write it once, e.g. " + Shown.of(path) + " = [a, b, c]");
        }
        return null;
    }

    private String key() {
        if (lastKey == null || IN_LIST.equals(lastKey)) return null;
        String parent = blocks.peek();
        if (IN_LIST.equals(parent)) return null;
        return parent == null || parent.isEmpty() ? lastKey : parent + "." + lastKey;
    }

    private Problem problem(String message) {
        return new Problem(new Location(file, line), message);
    }

    private static boolean isWordChar(char c) {
        return !Character.isWhitespace(c) && "{}[],=:\"#$+".indexOf(c) < 0 && c != '/';
    }

    /** The index just past a quoted string starting at {@code start}: "…" (ends at a newline too) or """…""". */
    private static int endOfQuoted(String text, int start) {
        int n = text.length();
        if (text.startsWith("\"\"\"", start)) {
            int end = text.indexOf("\"\"\"", start + 3);
            if (end < 0) return n;
            end += 3;
            while (end < n && text.charAt(end) == '"') end++;     // """a"""" ends with the last three quotes
            return end;
        }
        for (int i = start + 1; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') i++;
            else if (c == '"') return i + 1;
            else if (c == '\n') return i;
        }
        return n;
    }

    /** The index just past the } of the substitution starting at {@code start}; it holds no newline. */
    private static int endOfSubstitution(String text, int start) {
        int n = text.length();
        for (int i = start + 2; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') i = endOfQuoted(text, i) - 1;
            else if (c == '}') return i + 1;
            else if (c == '\n') return i;
        }
        return n;
    }

    private static int count(String text, int from, int to, char c) {
        int k = 0;
        for (int i = from; i < to; i++) if (text.charAt(i) == c) k++;
        return k;
    }
}
