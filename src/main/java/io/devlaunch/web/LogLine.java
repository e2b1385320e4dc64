package io.devlaunch.web;

/** One output line as the dashboard keeps it: a global sequence number, and text capped in length. */
final class LogLine {
    /** Longer lines are cut here (a minified bundle printed whole must not fill the rings). */
    static final int MAX_CHARS = 8 * 1024;
    static final String CUT_MARKER = " … [line cut at 8 KiB by devlaunch]";

    final long seq;
    final String service;
    final boolean stderr;
    final String text;
    private String json;      // rendered once, however many streams send it; a benign race

    LogLine(long seq, String service, boolean stderr, String text) {
        this.seq = seq;
        this.service = service;
        this.stderr = stderr;
        this.text = text;
    }

    static String cap(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + CUT_MARKER;
    }

    /** {@code {"seq":…,"service":"…","stream":"out"|"err","text":"…"}}. */
    String json() {
        String j = json;
        if (j == null) {
            StringBuilder sb = new StringBuilder(text.length() + service.length() + 48);
            sb.append("{\"seq\":").append(seq).append(",\"service\":");
            JsonText.quote(sb, service).append(",\"stream\":\"").append(stderr ? "err" : "out").append("\",\"text\":");
            json = j = JsonText.quote(sb, text).append('}').toString();
        }
        return j;
    }
}
