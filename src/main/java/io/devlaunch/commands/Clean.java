package io.devlaunch.commands;

import io.devlaunch.ExitCodes;
import io.devlaunch.ipc.ControlSocket;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.PortFreer;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.process.ProcessTree;
import io.devlaunch.process.TreeTerminator;
import io.devlaunch.runstate.CleanPaths;
import io.devlaunch.runstate.Leftovers;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * {@code devlaunch clean}: back to a known state. In order: stop a running supervisor (it stops its
 * own children); stop every child it recorded that still runs (PID and start time checked); stop
 * every holder of a configured port; remove the state records; remove the {@code clean} paths
 * (asking first, or with {@code --yes}). Each step reports what it found and did.
 */
public final class Clean {
    /**
     * @param dryRun    report the plan, touch nothing
     * @param yes       delete the clean paths without asking
     * @param askToDelete asks the user (on a terminal) whether to delete these paths; null when nobody can answer
     */
    public record Options(boolean dryRun, boolean yes, Predicate<List<String>> askToDelete) {}

    private final Manifest manifest;
    private final Options options;
    private final Consumer<String> report;
    private final ProcessTree tree = ProcessTree.forThisOs();
    private boolean trouble;

    public Clean(Manifest manifest, Options options, Consumer<String> report) {
        this.manifest = manifest;
        this.options = options;
        this.report = report;
    }

    /** @return 0 when everything found was dealt with, 1 when something could not be */
    public int run() {
        StateFolder folder = StateFolder.of(manifest);
        RunRecords records = new RunRecords(folder);
        Leftovers leftovers = new Leftovers(records, tree);
        List<ProcessIdentity> recorded = records.readChildren();
        stopSupervisor(leftovers);
        leftovers.stopChildren(options.dryRun()).forEach(report);
        stopPortHolders(new HashSet<>(recorded));
        removeState(folder);
        removeCleanPaths();
        return trouble ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void stopSupervisor(Leftovers leftovers) {
        var sup = leftovers.liveSupervisor();
        if (sup.isEmpty()) {
            report.accept(leftovers.hasDeadSupervisorRecord()
                    ? "supervisor PID " + leftovers.recordedSupervisorPid() + ": no longer running (it was killed, or crashed)"
                    : "supervisor: none running");
            return;
        }
        String who = "supervisor PID " + sup.get().pid() + " (since " + sup.get().startedAt() + ")";
        if (options.dryRun()) {
            report.accept("would stop " + who);
            return;
        }
        // SIGTERM makes it stop its services in order; it gets their longest stop-timeout plus a margin.
        Duration grace = manifest.services().values().stream().map(ServiceSpec::stopTimeout).max(Duration::compareTo)
                .orElse(Duration.ZERO).plusSeconds(5);
        TreeTerminator.Result r = new TreeTerminator(tree).terminateLeader(sup.get(), grace);
        report.accept(switch (r) {
            case ALREADY_GONE -> who + " had already exited";
            case TERMINATED -> "stopped " + who;
            case KILLED -> "killed " + who + " (it did not stop within " + grace.toSeconds() + "s)";
            case SURVIVED -> {
                trouble = true;
                yield "could not stop " + who + " even with SIGKILL";
            }
        });
    }

    private void stopPortHolders(java.util.Set<ProcessIdentity> recorded) {
        PortFreer freer = new PortFreer(PortOwners.forThisOs(), tree);
        for (ServiceSpec s : manifest.services().values()) {
            for (int port : s.ports()) {
                List<PortFreer.Outcome> outcomes = freer.free(port, recorded, true, options.dryRun());
                if (outcomes.isEmpty()) report.accept("port " + port + " (" + s.name() + "): free");
                for (PortFreer.Outcome o : outcomes) {
                    String held = "port " + port + " (" + s.name() + "): held by " + o.holder().describe();
                    report.accept(held + " — " + switch (o.action()) {
                        case WOULD_STOP -> "would stop it";
                        case STOPPED -> "stopped it";
                        case KILLED -> "killed it (" + o.why() + ")";
                        case SPARED, LEFT_RUNNING -> {
                            trouble = true;
                            yield "left alone: " + o.why();
                        }
                        case SURVIVED -> {
                            trouble = true;
                            yield "it survived SIGKILL";
                        }
                    });
                }
            }
        }
    }

    private void removeState(StateFolder folder) {
        for (Path p : List.of(folder.supervisorRecord(), folder.servicesRecord(), ControlSocket.path(folder))) {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            if (options.dryRun()) {
                report.accept("would remove " + (p.startsWith(manifest.root()) ? manifest.root().relativize(p) : p));
                continue;
            }
            try {
                Files.delete(p);
                report.accept("removed " + (p.startsWith(manifest.root()) ? manifest.root().relativize(p) : p));
            } catch (IOException e) {
                trouble = true;
                report.accept("could not remove " + p + ": " + e.getMessage());
            }
        }
    }

    private void removeCleanPaths() {
        removeCleanPaths(List.of());
    }

    /** Removes the clean paths of {@code services} (all when empty), as the options say. */
    void removeCleanPaths(List<String> services) {
        List<CleanPaths.Checked> present = new ArrayList<>();
        for (ServiceSpec s : manifest.services().values()) {
            if (!services.isEmpty() && !services.contains(s.name())) continue;
            for (String written : s.clean()) {
                CleanPaths.Checked c = CleanPaths.check(manifest.root(), written);
                if (c.refusal().isPresent()) {
                    trouble = true;
                    report.accept("refused to delete " + written + " (" + s.name() + "): " + c.refusal().get());
                } else if (!Files.exists(c.path(), LinkOption.NOFOLLOW_LINKS)) {
                    report.accept(written + " (" + s.name() + "): not there");
                } else {
                    present.add(c);
                }
            }
        }
        if (present.isEmpty()) return;
        if (options.dryRun()) {
            present.forEach(c -> report.accept("would delete " + c.written()));
            return;
        }
        boolean go = options.yes() || (options.askToDelete() != null
                && options.askToDelete().test(present.stream().map(CleanPaths.Checked::written).toList()));
        for (CleanPaths.Checked c : present) {
            if (!go) {
                trouble = options.askToDelete() == null;      // nobody could be asked: the reset did not happen
                report.accept("skipped deleting " + c.written() + " (pass --yes to delete without a terminal to ask on)");
                continue;
            }
            try {
                CleanPaths.delete(c.path());
                report.accept("deleted " + c.written());
            } catch (IOException e) {
                trouble = true;
                report.accept("could not delete " + c.written() + ": " + e.getMessage());
            }
        }
    }
}
