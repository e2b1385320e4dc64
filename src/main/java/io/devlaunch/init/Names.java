package io.devlaunch.init;

import java.util.Set;

/** Service names the manifest accepts: {@code [A-Za-z0-9][A-Za-z0-9_-]*}, unique. */
final class Names {
    private Names() {}

    static String sanitise(String raw) {
        String s = raw.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("^[^A-Za-z0-9]+", "").replaceAll("-+$", "");
        return s.isEmpty() ? "service" : s;
    }

    /** {@code name}, or {@code name-2}, {@code name-3} … when taken; the result is added to {@code taken}. */
    static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; taken.contains(n); i++) n = name + "-" + i;
        taken.add(n);
        return n;
    }
}
