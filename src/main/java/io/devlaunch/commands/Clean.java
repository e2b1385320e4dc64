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
import io.devlaunch.supervise.CleanPaths;
import io.devlaunch.runstate.DashboardRecord;
import io.devlaunch.runstate.Leftovers;
import io.devlaunch.runstate.RecordedSupervisor;
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
import java.util.Optional;
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
        records.unreadable().forEach(report);
        stopSupervisor(leftovers);
        leftovers.stopChildren(options.dryRun()).forEach(report);
        stopPortHolders(new HashSet<>(recorded));
        removeState(folder);
        removeCleanPaths(List.of());
        return trouble ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private void stopSupervisor(Leftovers leftovers) {
        RecordedSupervisor sup = leftovers.supervisor();
        if (!sup.running()) {
            report.accept(sup.leftBehind()
                    ? "supervisor PID " + sup.pid() + ": no longer running (it was killed, or crashed)"
                    : "supervisor: none running");
            return;
        }
        ProcessIdentity id = sup.live().orElseThrow();
        String who = "supervisor PID " + id.pid() + " (since " + id.startedAt() + ")";
        if (options.dryRun()) {
            report.accept("would stop " + who);
            return;
        }
        Leftovers.SupervisorStop stop = leftovers.stopSupervisor(id, manifest);
        trouble |= !stop.result().stopped();
        report.accept(stop.result().describe(who, "", stop.grace()));
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
        // dashboard.json too: a stopped dashboard's address and token are only stale clues for the next reader.
        for (Path p : List.of(folder.supervisorRecord(), folder.servicesRecord(), folder.startupRecord(),
                DashboardRecord.file(folder), ControlSocket.path(folder))) {
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

    /** Removes the clean paths of {@code services} (all when empty), as the options say. */
    void removeCleanPaths(List<String> services) {
        List<CleanPaths.Target> present = new ArrayList<>();
        for (CleanPaths.Target t : CleanPaths.of(manifest, services)) {
            Optional<String> refusal = t.checked().refusal();
            if (refusal.isPresent()) {
                trouble = true;
                report.accept("refused to delete " + t.written() + " (" + t.service() + "): " + refusal.get());
            } else if (!t.checked().present()) {
                report.accept(t.written() + " (" + t.service() + "): not there");
            } else {
                present.add(t);
            }
        }
        if (present.isEmpty()) return;
        if (options.dryRun()) {
            present.forEach(t -> report.accept("would delete " + t.written()));
            return;
        }
        boolean go = options.yes() || (options.askToDelete() != null
                && options.askToDelete().test(present.stream().map(CleanPaths.Target::written).toList()));
        for (CleanPaths.Target t : present) {
            if (!go) {
                trouble = options.askToDelete() == null;      // nobody could be asked: the reset did not happen
                report.accept("skipped deleting " + t.written()
                        + " (pass --yes to delete without a terminal to ask on)");
                continue;
            }
            Optional<String> failed = CleanPaths.remove(t);
            trouble |= failed.isPresent();
            report.accept(failed.map(why -> "could not delete " + t.written() + ": " + why).orElse("deleted "
                    + t.written()));
        }
    }
}
