package io.devlaunch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options {@code bin/devlaunch} gives a command, read from the script itself: tests that run
 * the jar run it as users do (heap, GC, young generation, stack size), so they cannot drift apart.
 */
public final class LauncherFlags {
    private static final Pattern BASE = Pattern.compile("(?m)^opts=\"([^\"]+)\"");
    private static final Pattern SUPERVISOR = Pattern.compile("(?m)^  opts_up=\"([^\"]+)\"");
    /** The supervisor's flags for JDK 17-21 only (JDK 22+ no longer knows them). */
    private static final Pattern SUPERVISOR_OLD_JDK = Pattern.compile("(?m)^  case \\$java_major in 17\\|18\\|19\\|20\\|21\\) opts_up=\"\\$opts_up ([^\"]+)\"");

    private LauncherFlags() {}

    /** The options for {@code command} (the first non-option argument, as the script finds it). */
    public static List<String> forCommand(String... args) {
        String script = script();
        List<String> flags = new ArrayList<>(words(find(BASE, script)));
        String command = "";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-f") || args[i].equals("--file")) i++;        // its value is no command
            else if (!args[i].startsWith("-")) {
                command = args[i];
                break;
            }
        }
        if (command.equals("up") || command.equals("restart")) {
            flags.addAll(words(find(SUPERVISOR, script)));
            String oldJdk = find(SUPERVISOR_OLD_JDK, script);
            if (Runtime.version().feature() <= 21) flags.addAll(words(oldJdk));
        }
        return flags;
    }

    private static String script() {
        try {
            return Files.readString(Path.of("bin/devlaunch"));
        } catch (IOException e) {
            throw new UncheckedIOException("tests run from the project root, beside bin/devlaunch", e);
        }
    }

    private static String find(Pattern p, String script) {
        Matcher m = p.matcher(script);
        if (!m.find()) throw new IllegalStateException("bin/devlaunch no longer has the line " + p + "; update LauncherFlags");
        return m.group(1);
    }

    private static List<String> words(String s) {
        return List.of(s.trim().split("\\s+"));
    }
}
