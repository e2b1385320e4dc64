package io.devlaunch.manifest;

import java.util.List;

/**
 * A command as written in the manifest: a list is exec'd as is, a string runs through the
 * platform shell ({@code process.Argv} decides which: the manifest knows no OS).
 */
public record Command(List<String> argv, String shellLine) {

    public static Command exec(List<String> argv) {
        return new Command(List.copyOf(argv), null);
    }

    public static Command shell(String line) {
        return new Command(List.of(), line);
    }

    public boolean isShell() {
        return shellLine != null;
    }

    /**
     * The program the command starts: argv[0], or for a shell line its first word that is not a
     * {@code NAME=value} assignment. Null when a shell line has no such word.
     */
    public String program() {
        if (!isShell()) return argv.get(0);
        for (String word : shellLine.trim().split("\\s+")) {
            if (!word.isEmpty() && !word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) return word;
        }
        return null;
    }

    /** How the command reads to a person. */
    public String display() {
        if (isShell()) return shellLine;
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(a.isEmpty() || a.matches(".*[\\s\"'$`\\\\].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
        }
        return sb.toString();
    }

}
