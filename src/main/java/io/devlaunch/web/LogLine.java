package io.devlaunch.web;

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

    /** {@code {"seq":…,"service":…,"stream":…,"text":…}} as a string (tests, one-offs). */
    static String json(long seq, String service, boolean stderr, String text) {
        return renderRest(new StringBuilder("{\"seq\":").append(seq), service, stderr, text).toString();
    }
}
