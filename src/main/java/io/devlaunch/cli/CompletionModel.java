package io.devlaunch.cli;

import io.devlaunch.completion.CompletionTree;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * picocli's model → the completion tree. What a value is comes from the declarations: a
 * {@code SERVICE} label means service names, a Path/File or FILE/DIR/PATH label means files,
 * completion candidates (or an enum) mean those words.
 */
final class CompletionModel {
    private CompletionModel() {}

    /** The description key of a parameter that takes an interactive service ({@code attach}). */
    static final String INTERACTIVE = "interactive-service";

    static CompletionTree of(CommandSpec spec) {
        List<CompletionTree.Option> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) continue;
            boolean flag = o.arity().max() == 0;
            options.add(new CompletionTree.Option(List.of(o.names()), first(o.description()),
                    flag ? CompletionTree.Values.NONE : values(o), List.of(o.names()).contains("--file")));
        }
        List<CompletionTree> subs = new ArrayList<>();
        spec.subcommands().forEach((name, line) -> {
            CommandSpec s = line.getCommandSpec();
            if (!s.usageMessage().hidden() && name.equals(s.name())) subs.add(of(s));
        });
        CompletionTree.Values positional = CompletionTree.Values.NONE;
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positional = values(p);
                break;
            }
        }
        String header = spec.usageMessage().header().length > 0 ? spec.usageMessage().header()[0]
                : first(spec.usageMessage().description());
        return new CompletionTree(spec.name(), header, options, subs, positional);
    }

    private static CompletionTree.Values values(ArgSpec a) {
        String label = a.paramLabel().replaceAll("[<>.…]", "");
        if (INTERACTIVE.equals(a.descriptionKey())) return new CompletionTree.Values(CompletionTree.Kind.INTERACTIVE_SERVICES, List.of());
        if (label.startsWith("SERVICE")) return new CompletionTree.Values(CompletionTree.Kind.SERVICES, List.of());
        if (a.completionCandidates() != null) {
            List<String> words = new ArrayList<>();
            a.completionCandidates().forEach(words::add);
            return new CompletionTree.Values(CompletionTree.Kind.WORDS, words);
        }
        Class<?> type = a.type();
        if (type == Path.class || type == File.class || label.equals("FILE") || label.equals("DIR")
                || label.equals("PATH")) {
            return new CompletionTree.Values(CompletionTree.Kind.FILES, List.of());
        }
        return new CompletionTree.Values(CompletionTree.Kind.WORDS, List.of());
    }

    private static String first(String[] lines) {
        return lines.length == 0 ? "" : lines[0].replaceAll("%n", " ").strip();
    }
}
