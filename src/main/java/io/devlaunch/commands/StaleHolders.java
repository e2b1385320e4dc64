package io.devlaunch.commands;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.ports.PortFreer;
import io.devlaunch.process.ProcessIdentity;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Before {@code up} starts anything: every configured port of the selected services is made free.
 * A holder devlaunch recorded is stopped; any other is stopped too (and named), unless
 * {@code --no-kill} or {@code kill-stale = false} — then {@code up} refuses, saying who holds it.
 */
final class StaleHolders {
    private final Manifest manifest;
    private final PortFreer freer;
    private final boolean mayStopForeign;

    StaleHolders(Manifest manifest, PortFreer freer, boolean mayStopForeign) {
        this.manifest = manifest;
        this.freer = freer;
        this.mayStopForeign = mayStopForeign;
    }

    void clear(List<String> services, Set<ProcessIdentity> recorded, Consumer<String> say) {
        for (String s : services) {
            for (int port : manifest.service(s).ports()) {
                for (PortFreer.Outcome o : freer.free(port, recorded, mayStopForeign, false)) {
                    String held = "port " + port + " (" + s + ") is held by " + o.holder().describe();
                    switch (o.action()) {
                        case STOPPED -> say.accept(held + " — stopped it");
                        case KILLED -> say.accept(held + " — killed it (" + o.why() + ")");
                        case LEFT_RUNNING -> throw DevLaunchException.failed(held + "; not stopping it because of --no-kill"
                                + (manifest.killStale() ? "" : " (kill-stale = false)") + ". Stop it yourself, or run "
                                + "`devlaunch up` without --no-kill to have devlaunch stop it");
                        case SPARED -> throw DevLaunchException.failed(held + "; devlaunch will not stop it: " + o.why()
                                + ". Free the port, or give " + s + " another port in " + manifest.file().getFileName());
                        case SURVIVED -> throw DevLaunchException.failed(held + " and it survived SIGKILL; check it with `ps -o pid,stat,cmd -p "
                                + o.holder().pid().orElse(0L) + "`");
                        case WOULD_STOP -> throw new IllegalStateException("not a dry run");
                    }
                }
                if (!freer.awaitFree(port)) {
                    throw DevLaunchException.failed("port " + port + " (" + s + ") is still in use after stopping its holder; "
                            + "see `devlaunch check`");
                }
            }
        }
    }
}
