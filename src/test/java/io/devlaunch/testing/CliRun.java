package io.devlaunch.testing;

import io.devlaunch.cli.Cli;
import io.devlaunch.output.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Runs the real CLI in-process with captured output; failures print everything it said. */
public record CliRun(String[] args, int exitCode, String out, String err) {

    public static CliRun run(Path cwd, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal t = new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        int code = Cli.run(args, t, cwd);
        return new CliRun(args, code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the run printed, for assertion messages. */
    public String transcript() {
        return "devlaunch " + String.join(" ", Arrays.asList(args)) + " → exit " + exitCode
                + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
    }
}
