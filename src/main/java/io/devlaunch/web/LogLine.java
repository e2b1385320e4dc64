package io.devlaunch.web;

import io.devlaunch.lines.LineBatch;
import java.nio.charset.StandardCharsets;

/** How one output line becomes the dashboard's JSON: text capped in length, rendered once. */
final class LogLine {
    /** Longer lines are cut here (a minified bundle printed whole must not fill the rings). */
    static final int MAX_CHARS = 8 * 1024;
    static final String CUT_MARKER = " … [line cut at 8 KiB by devlaunch]";

    private LogLine() {}

    static String cap(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + CUT_MARKER;
    }

    /**
     * The JSON of a line after its {@code {"seq":N} — {@code ,"service":"…","stream":"out"|"err","text":"…"}} —
     * appended to {@code sb}; {@link LineRing} puts the seq in front when it stores it.
     */
    static StringBuilder renderRest(StringBuilder sb, String service, boolean stderr, String text) {
        sb.append(",\"service\":");
        JsonText.quote(sb, service).append(",\"stream\":\"").append(stderr ? "err" : "out").append("\",\"text\":");
        return JsonText.quote(sb, text).append('}');
    }

    /**
     * The JSON after each seq ({@link #renderRest}) of every line of a batch, UTF-8, into {@code out};
     * returns where each line's ends in it. Most lines need no escaping: their bytes are copied as
     * they came, and only the others are decoded, quoted and encoded (each line of a 1 M-line burst
     * going through a String and a StringBuilder was most of the supervisor's CPU per line).
     */
    static int[] renderBatch(Bytes out, String service, boolean stderr, LineBatch lines) {
        return renderBatch(out, service, stderr, lines, 0);
    }

    /** The same for the lines from {@code first} on; {@code ends[0]} is the end of line {@code first}. */
    static int[] renderBatch(Bytes out, String service, boolean stderr, LineBatch lines, int first) {
        StringBuilder sb = renderRest(new StringBuilder(), service, stderr, "");
        // up to the text's opening quote
        byte[] head = sb.substring(0, sb.length() - 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = {'"', '}'};
        int[] ends = new int[lines.size() - first];
        for (int j = 0; j < ends.length; j++) {
            int i = first + j;
            int mark = out.size();
            out.append(head, 0, head.length);
            if (lines.length(i) <= MAX_CHARS && out.appendJsonVerbatim(lines, i)) {
                out.append(tail, 0, 2);
            } else {
                out.truncate(mark);
                sb.setLength(0);
                out.utf8(renderRest(sb, service, stderr, cap(lines.line(i))));
            }
            ends[j] = out.size();
        }
        return ends;
    }

    /** {@code {"seq":…,"service":…,"stream":…,"text":…}} as a string (tests, one-offs). */
    static String json(long seq, String service, boolean stderr, String text) {
        return renderRest(new StringBuilder("{\"seq\":").append(seq), service, stderr, text).toString();
    }
}
