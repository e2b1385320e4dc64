package io.devlaunch.cli;

import io.devlaunch.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * What every command but {@code --version} needs, made ready on the second core while picocli
 * (about 100 ms of first use) works on the first: the manifest pipeline, and sockets — every
 * command probes a port or talks to the supervisor, and the first socket costs ~20 ms of setup.
 */
final class WarmUp {
    private WarmUp() {}

    static void startFor(String[] args) {
        if (Subcommands.needed(args).isEmpty()) return;
        Thread t = new Thread(WarmUp::run, "devlaunch-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        ManifestLoader.warmUp();
        try {
            SocketChannel.open().close();     // no connection: just the socket machinery's classes and natives
        } catch (IOException | RuntimeException e) {
            // the real command meets (and reports) whatever is wrong with sockets here
        }
    }
}
