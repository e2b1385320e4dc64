package io.devlaunch.supervise;

import io.devlaunch.health.CommandCheck;
import io.devlaunch.manifest.Command;
import io.devlaunch.process.Argv;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.Executables;
import io.devlaunch.process.PosixSignal;
import io.devlaunch.process.ProcessTree;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs short commands (health checks) to completion with a time limit, in their own process group. */
final class CommandOutcomes {
    private CommandOutcomes() {}

    /** The argv with argv[0] resolved on the child's PATH, or empty when the program is not found. */
    static Optional<List<String>> resolve(Command command, Path dir, Map<String, String> env) {
        List<String> argv = Argv.of(command);
        return Executables.find(argv.get(0), env.get("PATH"), dir).map(p -> {
            List<String> out = new ArrayList<>(argv);
            out.set(0, p.toString());
            return out;
        });
    }

    static CommandCheck.Runner runner(Command command, Path dir, Map<String, String> env, ProcessTree tree) {
        return timeout -> run(command, dir, env, tree, timeout);
    }

    static CommandCheck.Outcome run(Command command, Path dir, Map<String, String> env, ProcessTree tree,
                                    Duration timeout) {
        Optional<List<String>> argv = resolve(command, dir, env);
        if (argv.isEmpty()) return new CommandCheck.Outcome(null, null, "could not run: " + command.program()
                + " is not on PATH");
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        String[] last = new String[1];
        ChildProcess child;
        try {
            child = ChildProcess.start(argv.get(), dir, env, tree, new ChildProcess.Listener() {
                @Override
                public void onOutput(ChildProcess c, boolean stderr, io.devlaunch.lines.LineBatch lines) {
                    last[0] = lines.line(lines.size() - 1);
                }

                @Override
                public void onExit(ChildProcess c, io.devlaunch.process.Exit ended) {
                    // A check killed by a signal did not exit 0: shown as a shell shows it, 128 + N.
                    exit.complete(ended.kind() == io.devlaunch.process.Exit.Kind.SIGNAL ? 128 + ended.value()
                            : ended.value());
                }
            });
        } catch (ChildProcess.SpawnException e) {
            return new CommandCheck.Outcome(null, null, "could not run: " + e.getMessage());
        }
        try {
            return new CommandCheck.Outcome(exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS), last[0], null);
        } catch (TimeoutException e) {
            child.signal(PosixSignal.KILL);
            return new CommandCheck.Outcome(null, last[0], "did not finish within " + timeout.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.signal(PosixSignal.KILL);
            return new CommandCheck.Outcome(null, null, "interrupted");
        } catch (ExecutionException e) {
            return new CommandCheck.Outcome(null, null, "failed: " + e.getCause());
        }
    }
}
