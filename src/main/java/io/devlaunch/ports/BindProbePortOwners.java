package io.devlaunch.ports;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * Fallback for systems without a native lookup yet: a port we cannot bind is held by someone,
 * but we cannot say whom.
 */
final class BindProbePortOwners implements PortOwners {

    @Override
    public List<PortHolder> holders(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return List.of();
        } catch (IOException e) {
            return List.of(PortHolder.unknownOwner(port, "127.0.0.1"));
        }
    }
}
