package io.devlaunch.lines;

import java.util.regex.Pattern;

/** Terminal escape sequences in child output: kept for a colour terminal, removed for pipes and log files. */
public final class EscapeCodes {
    // CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks).
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)");

    private EscapeCodes() {}

    public static String strip(String line) {
        return line.indexOf('\u001b') < 0 ? line : ANSI.matcher(line).replaceAll("");
    }
}
