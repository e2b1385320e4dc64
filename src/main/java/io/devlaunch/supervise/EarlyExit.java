package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.process.Exit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A service that owns a port and exits 0 before it was ever healthy did not do its job, whatever
 * its code: Create React App's "Something is already running on port 3000" exits 0, and a clean
 * exit there once passed for a finished one-shot task. It is a failure, and where another program
 * holds its port, that is said too — found off the loop, since it reads every process's descriptors.
 */
final class EarlyExit {
    private EarlyExit() {}

    /** Whether this exit is such a failure (not one devlaunch asked for). */
    static boolean isFailure(ServiceSpec spec, ServiceState before, Exit exit, boolean byUs) {
        return !byUs && before == ServiceState.STARTING && exit.succeeded() && !spec.ports().isEmpty();
    }

    static String why(ServiceSpec spec) {
        String ports = spec.ports().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return "FAILED: exited with code 0 before it was ever healthy — a service that owns port" + (spec.ports().size() == 1 ? " " : "s ")
                + ports + " must keep running (its last lines below say why)";
    }

    /** Says, after the fact, who holds the service's ports now. */
    static void sayHolders(ServiceSpec spec, RunContext ctx) {
        ctx.workers().execute(() -> {
            for (int port : spec.ports()) {
                List<PortHolder> holders = PortOwners.forThisOs().holders(port);
                if (holders.isEmpty()) continue;
                String line = "port " + port + " is held by " + holders.get(0).describe();
                ctx.loop().execute(() -> ctx.console().say(spec.name(), line));
            }
        });
    }
}
