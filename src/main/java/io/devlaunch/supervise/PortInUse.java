package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.lines.LineBatch;
import io.devlaunch.ports.PortHolder;
import io.devlaunch.ports.PortOwners;
import io.devlaunch.process.ChildProcess;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A starting service that prints "EADDRINUSE" or "Address already in use" has said why it will not
 * become healthy. That line is evidence: who holds the port is looked up (off the loop) and, when
 * it is a process outside the service's own tree, the service cannot recover by itself — a wrapper
 * like nodemon keeps running and waits for a change — so it fails now, naming the line and the
 * holder, instead of after the whole health timeout.
 */
final class PortInUse {
    private static final Pattern LINE = Pattern.compile("EADDRINUSE|[Aa]ddress already in use");

    private PortInUse() {}

    /**
     * The first line that says a port is taken, or null. Cheap enough for the pump: most batches have no 'E'/'A' match.
     */
    static String find(LineBatch lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.line(i);
            if (LINE.matcher(l).find()) return l.strip();
        }
        return null;
    }

    /**
     * On the loop, for a starting service that said {@code line}: finds who holds its ports, and
     * hands {@code fail} the reason when a process outside its tree does.
     */
    static void check(ServiceSpec spec, ChildProcess child, String line, RunContext ctx, Consumer<String> fail) {
        ctx.workers().execute(() -> {
            Set<Long> own = child.liveTree();
            for (int port : spec.ports()) {
                for (PortHolder h : PortOwners.forThisOs().holders(port)) {
                    if (h.pid().map(own::contains).orElse(false)) continue;
                    String why = "FAILED: it said \"" + shorten(line) + "\" — port " + port + " is held by "
                            + h.describe()
                            + ", not by " + spec.name()
                                    + "; stop that process (`devlaunch up` stops a stale one) or change the port";
                    ctx.loop().execute(() -> fail.accept(why));
                    return;
                }
            }
        });
    }

    private static String shorten(String line) {
        return line.length() <= 160 ? line : line.substring(0, 157) + "…";
    }
}
