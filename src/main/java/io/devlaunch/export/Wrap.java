package io.devlaunch.export;

import java.util.ArrayList;
import java.util.List;

/** Word-wraps comment text so generated files stay readable; a word longer than the width gets a line of its own. */
final class Wrap {
    private Wrap() {}

    static List<String> lines(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0) out.add(line.toString());
        return out;
    }
}
