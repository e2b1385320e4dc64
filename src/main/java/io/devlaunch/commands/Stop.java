package io.devlaunch.commands;

import io.devlaunch.ipc.Protocol;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.output.Terminal;
import java.io.IOException;
import java.util.List;

/**
 * {@code devlaunch stop SERVICE…}: the running supervisor stops the named services (whole process
 * trees); they stay stopped, what depends on them keeps running, and the run goes on until
 * {@code devlaunch start} brings them back or {@code down} ends it.
 */
public record Stop(Manifest manifest, Terminal terminal, List<String> services) {
    public int run() throws IOException, InterruptedException {
        return ControlCall.toRunningSupervisor(manifest, terminal, "stop", services, new Protocol.StopRequest(services));
    }
}
