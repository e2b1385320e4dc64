package io.devlaunch.commands;

import io.devlaunch.ipc.Protocol;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Terminal;
import java.io.IOException;
import java.util.List;

/**
 * {@code devlaunch start SERVICE…}: the running supervisor starts the named services again if they
 * are stopped, exited or failed (with the ended services they need, before-start included), and
 * this returns once they are healthy — exit 1, with the reason above it, if one is not.
 */
public record Start(Manifest manifest, Terminal terminal, List<String> services) {
    public int run() throws IOException, InterruptedException {
        return ControlCall.toRunningSupervisor(manifest, terminal, "start", services, new Protocol.StartRequest(services));
    }
}
