package io.devlaunch.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The packaged jar run as a user would, in a project folder: to completion, or in the background with its output collected. */
public final class JarRun {
    private JarRun() {}

    public record Result(int code, String out) {}

    /** A running devlaunch whose output lines arrive in {@code output}. */
    public record Running(Process process, List<String> output, Thread reader) {
        public String text() {
            return String.join("\n", output);
        }
    }

    public static Running start(Path dir, String... args) throws Exception {
        return start(dir, List.of(), args);
    }

    /**
     * Like {@link #start}, with SIGINT at its default disposition, so the run can be sent a Ctrl+C: a
     * non-interactive shell's background job (a CI script's `mvn … &`) has SIGINT ignored, every process
     * below it inherits that, and the JVM then never installs a handler for it.
     */
    public static Running startInterruptible(Path dir, String... args) throws Exception {
        return start(dir, List.of("/usr/bin/env", "--default-signal=INT"), args);
    }

    /** The jar with its standard output going to {@code stdout} (a FIFO, say) and its errors to {@code stderr}. */
    public static Process startWithOutput(Path dir, Path stdout, Path stderr, String... args) throws Exception {
        return new ProcessBuilder(command(List.of(), args)).directory(dir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    }

    /** The number a run printed as the first group of {@code regex} (a PID in "healthy in …; PID 123)"). */
    public static long printed(String output, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(output);
        if (!m.find()) throw new AssertionError(regex + " not in:\n" + output);
        return Long.parseLong(m.group(1));
    }

    /** The command line that runs the jar with {@code args}, as these helpers run it (for a test that wires its own stdin). */
    public static List<String> argv(String... args) {
        return command(List.of(), args);
    }

    private static List<String> command(List<String> prefix, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Fixtures.javaBin());
        cmd.addAll(LauncherFlags.forCommand(args));
        cmd.addAll(List.of("-jar", Path.of("target/devlaunch.jar").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Started through {@code prefix} (e.g. {@code prlimit --nofile=256:256}), which must exec the JVM in its place. */
    public static Running start(Path dir, List<String> prefix, String... args) throws Exception {
        Process p = new ProcessBuilder(command(prefix, args)).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> out = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) out.add(line);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        t.setDaemon(true);
        t.start();
        return new Running(p, out, t);
    }

    public static Result run(Path dir, String... args) throws Exception {
        Running r = start(dir, args);
        if (!r.process().waitFor(60, TimeUnit.SECONDS)) {
            r.process().destroyForcibly();
            throw new AssertionError("devlaunch " + String.join(" ", args) + " did not end within 60 s:\n" + r.text());
        }
        r.reader().join(5000);       // everything it printed has been read
        return new Result(r.process().exitValue(), r.text());
    }
}
