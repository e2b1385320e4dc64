package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.ExitCodes;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.FileLines;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.ServiceRecord;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code devlaunch up --detach}: starts {@code devlaunch up} in the background — its own session,
 * no terminal, output to {@code .devlaunch/logs/supervisor.log} — shows its start-up lines as they
 * come, and returns once every service is healthy (0), or as soon as one failed (1, the supervisor
 * left running for inspection), like {@code docker compose up --wait}.
 */
public final class Detach {
    private static final long POLL_NANOS = 50_000_000L;
    private static final long DRAIN_NANOS = 2_000_000_000L;

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
                    + running.pid() + "); see `devlaunch status`, or stop it with `devlaunch down`");
        }
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
            Optional<Boolean> verdict = verdict(records);
            if (verdict.isPresent()) {
                drain(log, offset, verdict.get());
                terminal.out().println(verdict.get()
                        ? "devlaunch | running in the background (PID " + p.pid() + "); `devlaunch status`, `devlaunch logs -f`, `devlaunch down`"
                        : "devlaunch | a service failed (see above); the supervisor (PID " + p.pid()
                          + ") keeps running for inspection: `devlaunch status`, then `devlaunch down`");
                return verdict.get() ? ExitCodes.OK : ExitCodes.FAILED;
            }
            if (!p.isAlive()) {
                echo(log, offset);
                terminal.err().println("devlaunch: the background supervisor ended (exit " + p.exitValue() + ") before "
                        + "every service was healthy; its output is above and in " + log);
                return p.exitValue() == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * The records can be ahead of the log: the supervisor's console writes its lines on its own
     * thread, so the "healthy" or "failed" report may still be on its way when the records already
     * say so. Echo until the all-healthy line has come (or, after a failure, until the log has been
     * quiet for two polls), for at most two seconds.
     */
    private void drain(Path log, long offset, boolean healthy) {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        int quiet = 0;
        while (System.nanoTime() < deadline) {
            FileLines.Since since = print(log, offset);
            boolean done = healthy ? since.lines().stream().anyMatch(Detach::saysAllHealthy) : since.lines().isEmpty() && ++quiet >= 2;
            if (!since.lines().isEmpty()) quiet = 0;
            offset = since.next();
            if (done) return;
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean saysAllHealthy(String line) {
        return line.contains("services healthy — ") || line.contains("the service is healthy — ");
    }

    /** Healthy (true), failed (false), or still on its way (empty), from the supervisor's own records. */
    private Optional<Boolean> verdict(RunRecords records) {
        Map<String, ServiceRecord> services = records.readServices();
        List<String> wanted = wantedServices();
        if (services.isEmpty() || !services.keySet().containsAll(wanted)) return Optional.empty();
        if (wanted.stream().map(services::get).anyMatch(ServiceRecord::isDown)) return Optional.of(false);
        return wanted.stream().map(services::get).allMatch(ServiceRecord::isUp) ? Optional.of(true) : Optional.empty();
    }

    private List<String> wantedServices() {
        List<String> named = upArgs.stream().filter(a -> !a.startsWith("-")).toList();
        return manifest.withDependencies(named.isEmpty() ? manifest.startOrder() : named);
    }

    private List<String> command() {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");    // no terminal: Ctrl+C here must not reach it
        cmd.add(java);
        // The options bin/devlaunch gave this JVM (heap, class-data archive, ...) suit the supervisor too.
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
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
