package io.devlaunch.init;

/**
 * Removes comments before a file is read for evidence: a comment is what someone wrote about the
 * code (often an example URL, or the other side of a proxy), not what the code does. Quoted strings
 * are kept whole, so {@code 'http://localhost:3000'} is not cut at its {@code //}.
 */
final class Comments {
    private Comments() {}

    /** JavaScript/TypeScript/JSONC: {@code // …} to the end of the line and {@code /* … *}{@code /}; newlines are kept. */
    static String stripJs(String text) {
        StringBuilder out = new StringBuilder(text.length());
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && next != 0) out.append(text.charAt(++i));
                else if (c == quote || c == '\n' && quote != '`') quote = 0;
            } else if (c == '/' && next == '/') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') i++;
            } else if (c == '/' && next == '*') {
                int end = text.indexOf("*/", i + 2);
                String inside = text.substring(i, end < 0 ? text.length() : end + 2);
                inside.chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end < 0 ? text.length() : end + 1;
            } else {
                // A backslash outside a string belongs to a regex literal (/^\/api\//): its next character is not a comment's start.
                out.append(c);
                if (c == '\\' && next != 0) out.append(text.charAt(++i));
                else if (c == '"' || c == '\'' || c == '`') quote = c;
            }
        }
        return out.toString();
    }

    /** dotenv: a line that starts with {@code #}, and {@code #} after a space outside quotes, to the end of the line. */
    static String stripHash(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            char quote = 0;
            int cut = line.length();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    cut = i;
                    break;
                }
            }
            out.append(line, 0, cut).append('\n');
        }
        return out.substring(0, Math.max(0, out.length() - 1));
    }
}
