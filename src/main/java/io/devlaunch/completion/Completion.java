package io.devlaunch.completion;

import io.devlaunch.DevLaunchException;
import java.util.List;

/** {@code devlaunch completion SHELL}: the script for that shell, from the whole command tree. */
public final class Completion {
    private Completion() {}

    public static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    /** @throws DevLaunchException (exit 2) for a shell it has no script for, listing those it has */
    public static String script(String shell, CompletionTree tree) {
        return switch (shell) {
            case "bash" -> BashCompletion.render(tree);
            case "zsh" -> ZshCompletion.render(tree);
            case "fish" -> FishCompletion.render(tree);
            default -> throw DevLaunchException.badInput("no completion for shell '" + shell + "'; choose one of: "
                    + String.join(", ", SHELLS) + " (e.g. devlaunch completion bash)");
        };
    }
}
