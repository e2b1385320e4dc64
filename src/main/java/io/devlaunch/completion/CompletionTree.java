package io.devlaunch.completion;

import java.util.List;

/**
 * The command line as the completion scripts see it: commands, their options and what their
 * values and positional words are. Made from picocli's model by the CLI; knows no picocli itself.
 */
public record CompletionTree(String name, String description, List<Option> options, List<CompletionTree> subcommands,
                             Values positional) {

    /** What may be typed at a position. */
    public enum Kind { NONE, FILES, SERVICES, INTERACTIVE_SERVICES, WORDS }

    /** @param words the choices, for {@link Kind#WORDS} (empty: a free value, nothing to suggest) */
    public record Values(Kind kind, List<String> words) {
        public static final Values NONE = new Values(Kind.NONE, List.of());
    }

    /**
     * @param value    {@link Values#NONE} for a flag
     * @param manifest it names the manifest ({@code --file}): the scripts pass it on when they ask for service names
     */
    public record Option(List<String> names, String description, Values value, boolean manifest) {}

    /** Every command below and including this one, with its path of names ({@code devlaunch export compose}). */
    public void walk(String parent, java.util.function.BiConsumer<String, CompletionTree> visit) {
        String path = parent.isEmpty() ? name : parent + " " + name;
        visit.accept(path, this);
        for (CompletionTree s : subcommands) s.walk(path, visit);
    }
}
