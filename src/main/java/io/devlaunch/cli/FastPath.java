package io.devlaunch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The command lines people type most — {@code --version}, {@code status}, {@code up} — parsed
 * without picocli, which costs ~100–150 ms of a 0.2 s start-up: its classes are Java 5 bytecode
 * (class-data sharing cannot archive them, the old verifier checks them slowly) and it reflects over
 * the annotations. The fast path fills the same annotated command objects picocli would and runs
 * the same {@code call()}, so the commands behave alike either way.
 *
 * <p>It accepts only the plain spellings it knows ({@code -f FILE}, {@code --json}, service names)
 * and gives up — returns null, picocli then parses — on anything else: help, an unknown or repeated
 * option, {@code --opt=value}, clustered short options, {@code @argfiles}, {@code --}, a value that
 * looks like an option or a command. Errors and usage therefore always come from picocli.
 *
 * <p>A new option on {@code up} or {@code status} must be added here too (or the command dropped
 * from {@link #COMMANDS}); {@code FastPathTest} compares these tables with picocli's model.
 */
final class FastPath {
    private FastPath() {}

    /** The subcommands parsed here. */
    static final List<String> COMMANDS = List.of("status", "up");

    /** Their boolean options, each name as picocli declares it (a name per line of the switch below). */
    static List<String> flags(String command) {
        return switch (command) {
            case "status" -> List.of("--watch", "--json");
            case "up" -> List.of("-d", "--detach", "--no-kill", "--no-watch", "--no-dashboard", "--timestamps");
            default -> List.of();
        };
    }

    /** The command for {@code args}, or null when picocli must parse them. */
    static Callable<Integer> parse(String[] args, DevLaunchCommand top) {
        Set<String> seen = new HashSet<>();
        int i = 0;
        for (; i < args.length; i++) {          // top-level options, up to the command word
            String a = args[i];
            if (a.equals("--no-color")) {
                if (!seen.add("--no-color")) return null;
            } else if (a.equals("-f") || a.equals("--file")) {
                if (!seen.add("-f") || ++i >= args.length || !plainValue(args[i])) return null;
                top.file = Path.of(args[i]);
            } else if (a.equals("-V") || a.equals("--version")) {
                return args.length == 1 || (args.length == 2 && seen.contains("--no-color")) ? () -> version(top) : null;
            } else {
                break;
            }
        }
        if (i >= args.length || !COMMANDS.contains(args[i])) return null;
        String command = args[i++];
        seen.remove("-f");                       // the subcommand has its own -f
        Set<String> flags = new HashSet<>();
        List<String> services = new ArrayList<>();
        Path file = null;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-color")) {
                if (!seen.add("--no-color")) return null;
            } else if (a.equals("-f") || a.equals("--file")) {
                if (!seen.add("-f") || ++i >= args.length || !plainValue(args[i])) return null;
                file = Path.of(args[i]);
            } else if (flags(command).contains(a)) {
                if (!flags.add(longName(a))) return null;
            } else if (command.equals("up") && plainValue(a)) {
                services.add(a);
            } else {
                return null;
            }
        }
        top.noColor = seen.contains("--no-color");
        ManifestFileOption manifestFile = new ManifestFileOption();
        manifestFile.file = file;
        if (command.equals("status")) {
            StatusCommand c = new StatusCommand();
            c.top = top;
            c.manifestFile = manifestFile;
            c.watch = flags.contains("--watch");
            c.json = flags.contains("--json");
            return c;
        }
        UpCommand c = new UpCommand();
        c.top = top;
        c.manifestFile = manifestFile;
        c.services = List.copyOf(services);
        c.detach = flags.contains("--detach");
        c.noKill = flags.contains("--no-kill");
        c.noWatch = flags.contains("--no-watch");
        c.noDashboard = flags.contains("--no-dashboard");
        c.timestamps = flags.contains("--timestamps");
        return c;
    }

    private static String longName(String flag) {
        return flag.equals("-d") ? "--detach" : flag;
    }

    /** A value or a service name picocli would take as such, not as an option, argfile or command. */
    private static boolean plainValue(String a) {
        return !a.startsWith("-") && !a.startsWith("@") && !Subcommands.isName(a);
    }

    private static int version(DevLaunchCommand top) throws java.io.IOException {
        top.terminal().out().println(Version.line());
        top.terminal().out().flush();
        return 0;
    }
}
