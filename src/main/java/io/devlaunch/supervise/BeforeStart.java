package io.devlaunch.supervise;

import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.Exit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A service's {@code before-start} commands, one after another, each of which must exit 0 before
 * the next (and finally the service) starts. Their output goes where the service's goes. Runs on
 * the supervisor's loop; their programs were found on the PATH beforehand, off it ({@link RunSetup}).
 */
final class BeforeStart {
    /**
     * How the steps ended: all passed ({@code failure} null, {@code exit} code 0), one failed (its
     * explanation), or the step running was stopped ({@code exit} how it ended).
     */
    record Ending(String failure, Exit exit) {}

    private final ServiceSpec spec;
    private final Map<String, String> env;
    private final List<Optional<List<String>>> resolved;
    private final RunContext ctx;
    private final ChildProcess.Listener output;
    private final BooleanSupplier wanted;
    private final Consumer<Ending> ended;
    private int index;
    private ChildProcess current;

    /** @param wanted false once the service is no longer starting (stopped meanwhile): no further step runs */
    BeforeStart(ServiceSpec spec, RunSetup setup, RunContext ctx, ChildProcess.Listener output,
                BooleanSupplier wanted, Consumer<Ending> ended) {
        this.spec = spec;
        this.env = setup.env();
        this.resolved = setup.steps();
        this.ctx = ctx;
        this.output = output;
        this.wanted = wanted;
        this.ended = ended;
    }

    /** The step's process while one runs. */
    ChildProcess current() {
        return current;
    }

    void next() {
        if (!wanted.getAsBoolean()) return;
        if (index == spec.beforeStart().size()) {
            ended.accept(new Ending(null, Exit.code(0)));
            return;
        }
        Command c = spec.beforeStart().get(index);
        Optional<List<String>> argv = resolved.get(index);
        if (argv.isEmpty()) {
            ended.accept(new Ending("before-start `" + c.display() + "`: " + c.program()
                    + " is not on PATH (or not executable)", Exit.code(127)));
            return;
        }
        ctx.console().say(spec.name(), "before-start: " + io.devlaunch.TextEscape.controlsEscaped(c.display()));
        try {
            current = ChildProcess.start(argv.get(), spec.dir(), env, ctx.tree(), new ChildProcess.Listener() {
                @Override
                public void onOutput(ChildProcess p, boolean stderr, io.devlaunch.lines.LineBatch lines) {
                    output.onOutput(p, stderr, lines);
                }

                @Override
                public void onExit(ChildProcess p, Exit exit) {
                    ctx.loop().execute(() -> exited(c, exit));
                }
            });
        } catch (ChildProcess.SpawnException e) {
            ended.accept(new Ending("before-start `" + c.display() + "`: " + e.getMessage(), Exit.code(127)));
        }
    }

    private void exited(Command c, Exit exit) {
        current = null;
        if (!exit.succeeded() || !wanted.getAsBoolean()) {
            ended.accept(new Ending(wanted.getAsBoolean()
                    ? "before-start `" + c.display() + "` " + exit.describe() + "; the service was not started" : null,
                            exit));
            return;
        }
        index++;
        next();
    }
}
