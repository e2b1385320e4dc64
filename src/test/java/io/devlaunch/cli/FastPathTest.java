package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.devlaunch.output.Terminal;
import io.devlaunch.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The fast path fills the command objects exactly as picocli does, and leaves everything else to picocli. */
class FastPathTest {
    @TempDir
    Path dir;

    private final Terminal terminal = new Terminal(new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(new ByteArrayOutputStream()), false);

    @ParameterizedTest
    @ValueSource(strings = {
        "status", "status --json", "status --watch --json", "--no-color status", "status --no-color",
        "-f a.conf status", "status -f a.conf", "--file a.conf status --file b.conf --json",
        "up", "up backend frontend", "up -d", "up --detach --no-kill --no-watch --timestamps web", "up -d --no-dashboard",
        "--no-color -f x/launcher.conf up -f y.conf db", "up --timestamps backend -f z.conf",
    })
    void parsesLikePicocli(String line) throws Exception {
        String[] args = line.split(" ");
        DevLaunchCommand fastTop = new DevLaunchCommand(terminal, dir);
        Callable<Integer> fast = FastPath.parse(args, fastTop);
        assertNotNull(fast, line);

        DevLaunchCommand top = new DevLaunchCommand(terminal, dir);
        CommandLine cl = new CommandLine(top);
        for (String name : Subcommands.needed(args)) cl.addSubcommand(name, Subcommands.create(name));
        Object parsed = cl.parseArgs(args).subcommand().commandSpec().userObject();

        assertEquals(top.file, fastTop.file, line);
        assertEquals(top.noColor, fastTop.noColor, line);
        assertEquals(fieldsOf(parsed), fieldsOf(fast), line);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "--help", "-h", "up --help", "status -h", "up -V", "--version --help", "-V --help", "-f x --version",
        "status --jsn", "status --json --json", "up -d --detach", "--no-color up --no-color", "-f a -f b up",
        "up --file=x.conf", "status -fx.conf", "up -dx", "up @args.txt", "up -- backend", "up -f", "up -f -d",
        "-f status check", "up status", "check", "down", "logs", "restart", "stauts", "--no-color",
    })
    void leavesEverythingElseToPicocli(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        assertNull(FastPath.parse(args, new DevLaunchCommand(terminal, dir)), line);
    }

    @Test
    void knowsEveryOptionPicocliDeclaresForItsCommands() {
        Set<String> shared = Set.of("-h", "--help", "-V", "--version", "-f", "--file", "--no-color");
        for (String name : FastPath.COMMANDS) {
            CommandSpec spec = new CommandLine(Subcommands.create(name)).getCommandSpec();
            Set<String> declared = new TreeSet<>();
            for (OptionSpec o : spec.options()) for (String n : o.names()) if (!shared.contains(n)) declared.add(n);
            assertEquals(declared, new TreeSet<>(FastPath.flags(name)),
                    name + ": an option picocli knows is missing from FastPath.flags (add it there and in FastPath.parse)");
            assertEquals(name.equals("up") ? 1 : 0, spec.positionalParameters().size(), name + ": positional parameters");
            for (OptionSpec o : spec.options()) {
                if (!shared.contains(o.longestName())) {
                    assertEquals(0, o.arity().max(), name + " " + o.longestName() + " takes a value: FastPath only knows flags");
                }
            }
        }
    }

    @Test
    void versionPrintsWhatPicocliPrints() {
        CliRun fast = CliRun.run(dir, "--version");
        CliRun picocli = CliRun.run(dir, "-V", "--no-color");       // not a fast-path spelling
        assertEquals(0, fast.exitCode());
        assertEquals(picocli.out(), fast.out());
        assertEquals(picocli.err(), fast.err());
    }

    private static String fieldsOf(Object command) throws IllegalAccessException {
        StringBuilder b = new StringBuilder(command.getClass().getSimpleName());
        for (java.lang.reflect.Field f : command.getClass().getDeclaredFields()) {
            if (f.getType() == DevLaunchCommand.class) continue;
            f.setAccessible(true);
            Object v = f.get(command);
            if (v instanceof ManifestFileOption m) v = "file=" + m.file;
            b.append(' ').append(f.getName()).append('=').append(v);
        }
        return b.toString();
    }
}
