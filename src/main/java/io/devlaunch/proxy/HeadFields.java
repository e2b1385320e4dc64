package io.devlaunch.proxy;

import java.nio.charset.StandardCharsets;

/**
 * The few parts of an HTTP/1.x head that framing needs, read from one line's bytes: the request
 * line's method and version, the status line's code, and the Content-Length, Transfer-Encoding,
 * Connection and Upgrade fields. Every other field is passed over without making a String of it.
 */
final class HeadFields {
    private HeadFields() {
    }

    /** {@code METHOD SP target SP HTTP/1.x}; false for anything else (then the bytes are not HTTP/1.x). */
    static boolean requestLine(byte[] line, int len, Http1Parser.Head head) {
        int sp1 = indexOf(line, 0, len, (byte) ' ');
        if (sp1 <= 0) return false;
        for (int i = 0; i < sp1; i++) if (!tchar(line[i])) return false;
        int sp2 = lastIndexOf(line, len, (byte) ' ');
        if (sp2 <= sp1 + 1 || !version(line, sp2 + 1, len)) return false;
        head.method = new String(line, 0, sp1, StandardCharsets.US_ASCII);
        head.http10 = line[len - 1] == '0';
        return true;
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}. */
    static boolean statusLine(byte[] line, int len, Http1Parser.Head head) {
        if (len < 12 || line[8] != ' ' || !version(line, 0, 8)) return false;
        int status = 0;
        for (int i = 9; i < 12; i++) {
            if (line[i] < '0' || line[i] > '9') return false;
            status = status * 10 + (line[i] - '0');
        }
        if (len > 12 && line[12] != ' ') return false;
        head.status = status;
        head.http10 = line[7] == '0';
        return true;
    }

    /**
     * Whether a start line can still be HTTP/1.x with {@code c} after its first {@code len} bytes: a
     * protocol that is not (a database's, Redis's) is known as such from its first bytes, not only
     * at a line end that may never come.
     */
    static boolean startLineMayGoOn(boolean request, byte[] line, int len, byte c) {
        if (!request) return len >= VERSION.length || c == VERSION[len];
        if (c == ' ') return len > 0;
        return indexOf(line, 0, len, (byte) ' ') >= 0 || tchar(c);
    }

    private static final byte[] VERSION = {'H', 'T', 'T', 'P', '/', '1', '.'};

    /** One header line: the fields framing needs are noted in {@code head}; others are ignored. */
    static void read(byte[] line, int len, Http1Parser.Head head) {
        int colon = indexOf(line, 0, len, (byte) ':');
        if (colon <= 0) return;   // obsolete line folding or junk: servers reject it, framing does not care
        switch (colon) {
            case 14 -> { if (nameIs(line, "content-length")) head.contentLength = contentLength(value(line, colon, len)); }
            case 17 -> { if (nameIs(line, "transfer-encoding")) head.chunked = lastCodingIsChunked(value(line, colon, len)); }
            case 10 -> { if (nameIs(line, "connection")) connection(value(line, colon, len), head); }
            case 7 -> { if (nameIs(line, "upgrade")) head.upgrade = value(line, colon, len); }
            default -> { }
        }
    }

    private static long contentLength(String v) {
        // A list of equal values is allowed (RFC 9110 §8.6); anything unparsable makes the message
        // unframeable, which the caller treats as "until the connection ends".
        String first = v.split(",", 2)[0].strip();
        try {
            long n = Long.parseLong(first);
            return n >= 0 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean lastCodingIsChunked(String v) {
        String[] codings = v.split(",");
        return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
    }

    private static void connection(String v, Http1Parser.Head head) {
        for (String token : v.split(",")) {
            String t = token.strip();
            if (t.equalsIgnoreCase("close")) head.close = true;
            else if (t.equalsIgnoreCase("keep-alive")) head.keepAlive = true;
        }
    }

    private static String value(byte[] line, int colon, int len) {
        return new String(line, colon + 1, len - colon - 1, StandardCharsets.ISO_8859_1).strip();
    }

    private static boolean nameIs(byte[] line, String lowerName) {
        for (int i = 0; i < lowerName.length(); i++) {
            int c = line[i];
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            if (c != lowerName.charAt(i)) return false;
        }
        return true;
    }

    private static boolean version(byte[] line, int from, int to) {
        return to - from == 8 && line[from] == 'H' && line[from + 1] == 'T' && line[from + 2] == 'T' && line[from + 3] == 'P'
                && line[from + 4] == '/' && line[from + 5] == '1' && line[from + 6] == '.'
                && (line[from + 7] == '0' || line[from + 7] == '1');
    }

    /** RFC 9110 §5.6.2 token characters. */
    private static boolean tchar(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static int indexOf(byte[] a, int from, int to, byte b) {
        for (int i = from; i < to; i++) if (a[i] == b) return i;
        return -1;
    }

    private static int lastIndexOf(byte[] a, int to, byte b) {
        for (int i = to - 1; i >= 0; i--) if (a[i] == b) return i;
        return -1;
    }
}
