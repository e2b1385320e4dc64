package io.devlaunch.manifest;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?" — the closest known word within a small edit distance. */
public final class Suggestions {
    /** Longer words are not typos of a name a person types; comparing them would only cost time. */
    private static final int LONGEST_WORD = 100;

    private Suggestions() {}

    public static Optional<String> closest(String word, Collection<String> known) {
        if (word.length() > LONGEST_WORD) return Optional.empty();
        String w = normalise(word);
        int allowed = Math.max(2, word.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            if (k.length() > LONGEST_WORD) continue;
            String n = normalise(k);
            // The distance is at least the difference in length: no need to compute it then.
            if (Math.abs(w.length() - n.length()) > allowed) continue;
            int d = distance(w, n);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or "" — ready to append to a message. */
    public static String hint(String word, Collection<String> known, String prefix) {
        return closest(word, known).map(k -> " (did you mean '" + prefix + k + "'?)").orElse("");
    }

    // depends_on, dependsOn and depends-on are the same mistake: compare without separators or case.
    private static String normalise(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Optimal string alignment distance: Levenshtein plus adjacent transpositions. Three rows of the
     * table (a transposition looks two rows back), so memory grows with the shorter word only.
     */
    static int distance(String a, String b) {
        if (a.length() < b.length()) {
            String t = a;
            a = b;
            b = t;
        }
        int m = b.length();
        int[] older = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, older[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] t = older;
            older = previous;
            previous = current;
            current = t;
        }
        return previous[m];
    }
}
