package io.devlaunch.completion;

import java.util.ArrayList;
import java.util.List;

/**
 * The part bash and zsh scripts share: a loop over the words before the cursor that finds the
 * command path ({@code devlaunch export compose}), skips option values, and remembers the manifest
 * given with {@code --file}. Both shells read this POSIX-like text alike ({@code cmdpath}, because
 * zsh ties {@code path} to PATH).
 */
final class ShellWalk {
    private ShellWalk() {}

    /**
     * {@code "devlaunch -f"|"devlaunch --file"}: the case pattern of options that take a value, or of manifest options.
     */
    static String valueOptionPattern(CompletionTree root, boolean manifestOnly) {
        List<String> alts = new ArrayList<>();
        root.walk("", (path, c) -> {
            for (CompletionTree.Option o : c.options()) {
                if (o.value().kind() == CompletionTree.Kind.NONE || manifestOnly && !o.manifest()) continue;
                for (String n : o.names()) alts.add("\"" + path + " " + n + "\"");
            }
        });
        return alts.isEmpty() ? "\"\"" : String.join("|", alts);
    }

    static String subcommandPattern(CompletionTree root) {
        List<String> alts = new ArrayList<>();
        root.walk("", (path, c) -> {
            for (CompletionTree s : c.subcommands()) alts.add("\"" + path + " " + s.name() + "\"");
        });
        return alts.isEmpty() ? "\"\"" : String.join("|", alts);
    }

    /**
     * The loop body; {@code $w} is the word, {@code $next} the one after it. Sets cmdpath, file and skip.
     */
    static String loopBody(CompletionTree root, String indent) {
        return indent + "if [ \"$skip\" = 1 ]; then skip=0; continue; fi\n"
                + indent + "case \"$w\" in --file=*) file=\"${w#--file=}\" ;; esac\n"
                + indent + "case \"$cmdpath $w\" in\n"
                + indent + "  " + valueOptionPattern(root, true) + ") skip=1; file=\"$next\" ;;\n"
                + indent + "  " + valueOptionPattern(root, false) + ") skip=1 ;;\n"
                + indent + "  " + subcommandPattern(root) + ") cmdpath=\"$cmdpath $w\" ;;\n"
                + indent + "esac\n";
    }

    /** One case line per option that takes a value: its names at its command path → what completes that value. */
    static String optionValueCases(CompletionTree root, String indent,
            java.util.function.Function<CompletionTree.Values, String> values) {
        StringBuilder b = new StringBuilder();
        root.walk("", (path, c) -> {
            for (CompletionTree.Option o : c.options()) {
                if (o.value().kind() == CompletionTree.Kind.NONE) continue;
                List<String> pats = new ArrayList<>();
                for (String n : o.names()) pats.add("\"" + path + " " + n + "\"");
                b.append(indent).append(String.join("|",
                        pats)).append(") ").append(values.apply(o.value())).append(" ;;\n");
            }
        });
        return b.toString();
    }

    /** A description without what would break a single-quoted shell word or a zsh "name:description" pair. */
    static String clean(String description) {
        return description.replace("'", "’").replaceAll("[\\r\\n]+", " ").strip();
    }
}
