package io.devlaunch.init;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * foreman's Procfile format: one {@code name: command} a line; blank lines, {@code #} comments and
 * lines of any other shape are skipped (foreman skips them silently; we say so). Names are made to
 * fit the manifest's (letters, digits, '-', '_', starting with a letter or digit).
 */
final class Procfile {
    private Procfile() {}

    record Entry(String name, String command, int line) {}

    record Parsed(List<Entry> entries, List<String> notes) {}

    // foreman: /^([A-Za-z0-9_-]+):\s*(.+)$/ ; honcho also takes dots, so we read those and rename.
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_.\\-]+):\\s*(.+)$");

    static Parsed parse(String text, String fileName) {
        List<Entry> entries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> taken = new LinkedHashSet<>();
        // Editors on Windows write a byte-order mark; foreman's regex would then skip the first process.
        String[] lines = text.replaceFirst("^\uFEFF", "").split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#")) continue;
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) {
                notes.add(fileName + ":" + (i + 1) + " skipped (not `name: command`): " + raw);
                continue;
            }
            String original = m.group(1);
            String name = Names.unique(Names.sanitise(original), taken);
            if (!name.equals(original)) {
                notes.add(fileName + ":" + (i + 1) + " process '" + original + "' is service '" + name
                        + "' (service names use letters, digits, '-' and '_')");
            }
            entries.add(new Entry(name, m.group(2).strip(), i + 1));
        }
        return new Parsed(entries, notes);
    }
}
