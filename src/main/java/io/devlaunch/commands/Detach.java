package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.FileLines;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StartupVerdict;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code devlaunch up --detach}: starts {@code devlaunch up} in the background — its own session,
 * no terminal, output to {@code .devlaunch/logs/supervisor.log} — shows its start-up lines as they
 * come, and returns once every service is healthy (0), or as soon as one failed (1, the supervisor
 * left running for inspection until {@code down}), like {@code docker compose up --wait}. The
 * outcome is the supervisor's own ({@link StartupVerdict}); its process is checked before anything
 * is said about it.
 */
public final class Detach {
    private static final long POLL_NANOS = 50_000_000L;
    private static final long FINISH_SECONDS = 15;

    private final Manifest manifest;
    private final Terminal terminal;
    private final List<String> upArgs;

    /** @param upArgs the arguments of the background {@code up}: services and options, without --detach */
    public Detach(Manifest manifest, Terminal terminal, List<String> upArgs) {
        this.manifest = manifest;
        this.terminal = terminal;
        this.upArgs = upArgs;
    }

    public int run() throws IOException {
        StateFolder folder = StateFolder.of(manifest);
        RunRecords records = new RunRecords(folder);
        RecordedSupervisor running = RecordedSupervisor.read(records);
        if (running.running()) {
            throw DevLaunchException.failed("devlaunch is already running for " + manifest.project() + " (PID "
                    + running.pid() + "); see `devlaunch status`, start a service that is down again with `devlaunch start NAME` "
                    + "(or everything with `devlaunch restart`), or stop it with `devlaunch down`");
        }
        records.forgetStartupVerdict();
        Path log = folder.logs().resolve("supervisor.log");
        // The supervisor's console says the dashboard's address with its token: the file is the owner's alone.
        folder.prepare();
        StateFolder.createOwnerOnly(log);
        ProcessBuilder pb = new ProcessBuilder(command()).directory(manifest.root().toFile());
        pb.environment().put(Up.DETACHED_ENV, "1");
        Process p = pb
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true).start();
        long offset = 0;
        while (true) {
            offset = echo(log, offset);
            Optional<StartupVerdict> verdict = records.readStartupVerdict();
            if (verdict.isPresent()) return tell(verdict.get(), p, log, echo(log, offset));
            if (!p.isAlive()) return ended(p, log, offset, "before every service was healthy", true);
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Says what the supervisor decided, once it is so: the verdict is written after the lines that
     * explain it, and a supervisor that keeps running (or that was to end by itself) is checked for
     * it, so nothing is claimed about a process that did otherwise.
     */
    private int tell(StartupVerdict verdict, Process p, Path log, long offset) {
        if (verdict.running()) {
            if (!p.isAlive()) {
                return ended(p, log, offset, verdict.up() ? "right after every service was healthy"
                        : "after " + String.join(", ", verdict.down()) + " did not come up", verdict.up());
            }
            terminal.out().println(verdict.up()
                    ? "devlaunch | running in the background (PID " + p.pid() + "); `devlaunch status`, `devlaunch logs -f`, `devlaunch down`"
                    : "devlaunch | " + String.join(", ", verdict.down()) + " did not come up (see above); the supervisor (PID " + p.pid()
                      + ") keeps running for inspection: `devlaunch status`, `devlaunch logs`, then `devlaunch down`");
            return verdict.up() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        // Every service was a task that exited 0: the supervisor ends by itself, after stopping any stray descendants.
        try {
            if (!p.waitFor(FINISH_SECONDS, TimeUnit.SECONDS)) {
                terminal.err().println("devlaunch: every service exited 0, but the background supervisor (PID " + p.pid()
                        + ") has not ended after " + FINISH_SECONDS + " s; see " + log + ", and stop it with `devlaunch down`");
                return ExitCodes.FAILED;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        return ended(p, log, offset, "after every service exited 0", true);
    }

    /**
     * A background {@code up} exits 0 only when every service was a one-shot task that exited 0; that
     * is success unless the verdict already said a service was down ({@code mayBeClean} false).
     */
    private int ended(Process p, Path log, long offset, String when, boolean mayBeClean) {
        echo(log, offset);
        int code = p.exitValue();
        if (code == 0 && mayBeClean) {
            terminal.out().println("devlaunch | every service exited 0; nothing is left running");
            return ExitCodes.OK;
        }
        terminal.err().println("devlaunch: the background supervisor ended (exit " + code + ") " + when
                + "; its output is above and in " + log);
        return ExitCodes.FAILED;
    }

    private List<String> command() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");    // no terminal: Ctrl+C here must not reach it
        cmd.add(java);
        // The options bin/devlaunch gave this JVM (heap, class-data archive, ...) suit the supervisor too.
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // Run with -cp, not -jar: the jar's Enable-Native-Access manifest entry does not apply, and
        // JDK 22+ would warn about JNA's System::load on the detached supervisor's console.
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.devlaunch.cli.Main", "-f", manifest.file().toString(), "up", "--no-color"));
        cmd.addAll(upArgs);
        return cmd;
    }

    /** Prints the complete lines the log gained since {@code offset}; returns the new offset. */
    private long echo(Path log, long offset) {
        return print(log, offset).next();
    }

    private FileLines.Since print(Path log, long offset) {
        FileLines.Since since;
        try {
            since = FileLines.readSince(log, offset);
        } catch (IOException e) {
            return new FileLines.Since(List.of(), offset);   // read again at the next poll; the verdict does not depend on it
        }
        for (String line : since.lines()) terminal.out().println(line);
        terminal.out().flush();
        return since;
    }
}
