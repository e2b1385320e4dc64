package io.devlaunch.watch;

import java.util.Collections;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One debounced burst of changes for one service: the paths (relative to its folder, '/'-separated,
 * sorted) that were created, modified or deleted. What a change means is the caller's business.
 */
public record ChangeBatch(SortedSet<String> paths) {
    public ChangeBatch {
        paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }

    /** "app/main.py", "app/db.py, app/main.py and app/x.py", "a, b, c and 3 more". */
    public String summary() {
        int shown = Math.min(3, paths.size());
        int rest = paths.size() - shown;
        StringBuilder sb = new StringBuilder();
        Iterator<String> it = paths.iterator();
        for (int i = 0; i < shown; i++) {
            if (i > 0) sb.append(i == shown - 1 && rest == 0 ? " and " : ", ");
            sb.append(it.next());
        }
        if (rest > 0) sb.append(" and ").append(rest).append(" more");
        return sb.toString();
    }
}
