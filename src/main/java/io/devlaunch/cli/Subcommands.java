package io.devlaunch.cli;

import java.util.List;

/**
 * The subcommands, registered only when the command line needs them: picocli reflects over every
 * registered command before parsing, which was a third of a {@code status}'s start-up. One named
 * command needs only itself; the top-level usage and "did you mean" need them all.
 */
final class Subcommands {
    private Subcommands() {}

    /** In the order the top-level usage lists them. */
    private static final List<String> NAMES = List.of("up", "down", "restart", "stop", "start", "clean", "status", "logs", "attach", "check",
            "dashboard", "export", "init", "completion");
    /** Not in the usage: plumbing for the completion scripts. */
    private static final List<String> HIDDEN = List.of(ServicesCommand.NAME);

    // A switch, not a map of constructor references: each lambda costs a bootstrap at start-up.
    static Object create(String name) {
        return switch (name) {
            case "up" -> new UpCommand();
            case "down" -> new DownCommand();
            case "restart" -> new RestartCommand();
            case "stop" -> new StopCommand();
            case "start" -> new StartCommand();
            case "clean" -> new CleanCommand();
            case "status" -> new StatusCommand();
            case "logs" -> new LogsCommand();
            case "attach" -> new AttachCommand();
            case "check" -> new CheckCommand();
            case "export" -> new ExportCommand();
            case "init" -> new InitCommand();
            case "completion" -> new CompletionCommand();
            case ServicesCommand.NAME -> new ServicesCommand();
            case "dashboard" -> new DashboardCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    static boolean isName(String word) {
        return NAMES.contains(word);
    }

    /** The subcommands to register for {@code args}. */
    static List<String> needed(String[] args) {
        String command = commandWord(args);
        if (command != null && (NAMES.contains(command) || HIDDEN.contains(command))) return List.of(command);
        List<String> all = List.of(args);
        if (command == null && (all.contains("-V") || all.contains("--version"))
                && !all.contains("-h") && !all.contains("--help")) {
            return List.of();
        }
        return NAMES;
    }

    /** Every listed subcommand (not the hidden ones), for the completion scripts, which must know them all. */
    static List<String> all() {
        return NAMES;
    }

    /** The first word that is neither an option nor the value of the top-level {@code -f/--file}. */
    private static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-f") || a.equals("--file")) i++;
            else if (!a.startsWith("-")) return a;
        }
        return null;
    }
}
