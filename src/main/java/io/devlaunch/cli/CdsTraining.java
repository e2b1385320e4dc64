package io.devlaunch.cli;

import io.devlaunch.commands.JvmHooks;
import io.devlaunch.output.Terminal;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The run {@code bin/devlaunch} records its class-data-sharing archive from
 * ({@code -XX:ArchiveClassesAtExit}, once per jar and Java): the commands people run most, so that
 * each finds its classes — and its lambdas' — ready-made in the archive instead of reading and
 * verifying them from the jar on every start. {@code --version}, {@code status} and {@code up} of one
 * service that exits at once (with its dashboard), {@code status} of a stack with ports and health checks that is not
 * running, in a throw-away folder, then {@code check} of the demo manifest (the picocli path, for
 * whatever of it the archive can hold). Nothing is printed; bounded by a watchdog.
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=A -cp devlaunch.jar io.devlaunch.cli.CdsTraining [DEMO_MANIFEST]}
 */
public final class CdsTraining {
    private CdsTraining() {}

    /** More than enough for the runs below; a hang must not keep the user's first command waiting. */
    private static final long LIMIT_MS = 20_000;

    public static void main(String[] args) throws IOException {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(LIMIT_MS);
                System.exit(3);
            } catch (InterruptedException e) {
                // done in time
            }
        }, "devlaunch-cds-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        JvmHooks.beforeFirstUse();
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true);
        Terminal.system(true);           // its colour check's lambda; --no-color: nothing installed
        Terminal quiet = new Terminal(nowhere, nowhere, false);
        Path dir = Files.createTempDirectory("devlaunch-cds-training");
        try {
            // the dashboard on (as by default), on a free port: up's HTTP server classes are archived too
            Files.writeString(dir.resolve("launcher.conf"), """
                    services { ended { command = ["true"] } }
                    dashboard { port = %d }
                    """.formatted(freePort()));
            run(quiet, dir, "--version");
            run(quiet, dir, "status");
            run(quiet, dir, "up");
            // status of a stack with ports and health checks, none running: the probes' classes
            // (HTTP and TCP, refused at once on free loopback ports) — all but the first row of a status
            Path stack = Files.createDirectories(dir.resolve("stack"));
            int web = freePort();
            int db = freePort();
            Files.writeString(stack.resolve("launcher.conf"), """
                    services {
                      web { command = ["true"], port = %d, health.http = "http://127.0.0.1:%d/", depends-on = [db] }
                      db { command = ["true"], port = %d }
                    }
                    dashboard { enabled = false }
                    """.formatted(web, web, db));
            run(quiet, stack, "status");
            if (args.length > 0 && Files.isRegularFile(Path.of(args[0]))) run(quiet, dir, "check", "-f", args[0]);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        JvmHooks.beforeExit();       // its classes too: every up ends with it
        System.exit(0);
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void run(Terminal quiet, Path dir, String... args) {
        WarmUp.startFor(args);
        try {
            Cli.run(args, quiet, dir);
        } catch (RuntimeException e) {
            // a step that fails on this machine still leaves its classes loaded; the next runs
        }
    }
}
