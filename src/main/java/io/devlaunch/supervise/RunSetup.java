package io.devlaunch.supervise;

import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.Environment;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;

/**
 * What one start of a service needs, worked out before anything runs — off the supervisor's loop,
 * since it reads the disk (its folder, env files, every PATH entry) and binds sockets: its
 * environment, its commands resolved on its PATH, and — for a proxied service — this run's private
 * ports, handed over in {@code PORT}/{@code PORT_<public>}, in {@code $PORT} tokens of its list
 * command and its {@code env} values, and to its health check.
 *
 * @param ports    null unless the service is proxied
 * @param steps    each before-start command resolved on the PATH (empty: not found)
 * @param resolved the service's command resolved on the PATH (empty: not found)
 */
record RunSetup(Map<String, String> env, PrivatePorts ports, List<Optional<List<String>>> steps, Optional<List<String>> resolved) {

    /** Why a start cannot even be tried; the message is for the user. */
    static final class Problem extends Exception {
        Problem(String message) {
            super(message);
        }
    }

    /**
     * Folder, env files, PATH and a port bind: prepared on a worker, so a slow disk delays only this
     * service; {@code then} gets the setup, or why there is none, on the loop.
     */
    static void prepareOffLoop(ServiceSpec spec, RunContext ctx, ProxyFollower proxy, java.util.function.BiConsumer<RunSetup, String> then) {
        ctx.workers().execute(() -> {
            RunSetup prepared = null;
            String problem = null;
            try {
                prepared = prepare(spec, ctx.baseEnv(), ctx.colour(), proxy);
            } catch (Problem e) {
                problem = e.getMessage();
            }
            RunSetup ready = prepared;
            String why = problem;
            ctx.loop().execute(() -> then.accept(ready, why));
        });
    }

    static RunSetup prepare(ServiceSpec spec, Map<String, String> baseEnv, boolean colour, ProxyFollower proxy) throws Problem {
        if (!Files.isDirectory(spec.dir())) {
            throw new Problem("its dir " + spec.dir() + " does not exist; create it or fix dir in the manifest");
        }
        PrivatePorts ports = null;
        if (proxy != null) {
            try {
                ports = proxy.pickPorts();
            } catch (IOException e) {
                throw new Problem("no free private port for its proxy (" + e.getMessage() + ")");
            }
        }
        Map<String, String> own = new LinkedHashMap<>(spec.env());
        PrivatePorts picked = ports;
        if (picked != null) own.replaceAll((k, v) -> picked.substitute(v));
        try {
            Map<String, String> env = Environment.build(baseEnv, spec.envFiles(), own, colour);
            if (ports != null) env.putAll(ports.env());      // last: devlaunch's PORT must win over an inherited one
            List<Optional<List<String>>> steps = spec.beforeStart().stream()
                    .map(c -> CommandOutcomes.resolve(c, spec.dir(), env)).toList();
            return new RunSetup(env, ports, steps, CommandOutcomes.resolve(spec.command(), spec.dir(), env));
        } catch (Environment.EnvFileException e) {
            throw new Problem(e.getMessage());
        }
    }

    /** The resolved argv, with port tokens replaced (a shell command's shell expands $PORT itself). */
    List<String> argv(Command command, List<String> resolved) {
        return ports == null || command.isShell() ? resolved : ports.substitute(resolved);
    }

    /** The command as it runs this time: a list command with its port tokens replaced. */
    String display(Command command) {
        return ports == null || command.isShell() ? command.display() : Command.exec(ports.substitute(command.argv())).display();
    }

        /** Where a check naming port P connects: P, or for a proxied service its private port. */
    IntUnaryOperator probedPort() {
        return ports == null ? IntUnaryOperator.identity() : ports::probed;
    }
}
