package io.devlaunch.commands;

import io.devlaunch.ipc.Protocol;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceNames;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.RecordedSupervisor;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code devlaunch restart}: asks the running supervisor, over its control socket, to restart
 * services (re-running before-start; with {@code --reset} removing their clean paths first) and
 * streams their progress and output here. With no supervisor running it is a clean start.
 */
public final class Restart {
    public record Options(List<String> services, boolean reset, boolean withDependents, boolean detach) {}

    private final Manifest manifest;
    private final Terminal terminal;
    private final Options options;

    public Restart(Manifest manifest, Terminal terminal, Options options) {
        this.manifest = manifest;
        this.terminal = terminal;
        this.options = options;
    }

    public int run() throws IOException, InterruptedException {
        ServiceNames.requireKnown(manifest, options.services());
        StateFolder folder = StateFolder.of(manifest);
        RecordedSupervisor sup = RecordedSupervisor.read(new RunRecords(folder));
        if (!sup.running()) return startFresh();
        return ControlCall.send(folder, sup, new Protocol.RestartRequest(options.services(), options.reset(),
                options.withDependents()),
                terminal, "restart");
    }

    /**
     * The edited manifest does not read: nothing is restarted (the supervisor would refuse too), and
     * with a stack running the user learns it goes on as it was — the problems themselves follow.
     */
    public static void unreadableManifest(Path file, Terminal terminal) {
        RecordedSupervisor sup = RecordedSupervisor.read(new RunRecords(new StateFolder(file.toAbsolutePath()
                .getParent()
                .resolve(".devlaunch"))));
        terminal.err().println("devlaunch: nothing was restarted: " + file.getFileName() + " does not read (below)"
                + (sup.running() ? "; the stack (supervisor PID " + sup.pid() + ") keeps running as it was" : "")
                + " — fix it and run the restart again");
    }

    private int startFresh() throws IOException, InterruptedException {
        terminal.out().println("devlaunch | no supervisor running: starting " + (options.services().isEmpty()
                ? "the stack" : String.join(", ", options.services())) + " as `up` would");
        if (options.reset()) {
            new Clean(manifest, new Clean.Options(false, true, null), line -> terminal.out().println("devlaunch | "
                    + line))
                    .removeCleanPaths(options.services());
        }
        if (options.detach()) return new Detach(manifest, terminal, options.services()).run();
        return new Up(manifest, terminal, new Up.Options(options.services(), false, false, false)).run();
    }
}
