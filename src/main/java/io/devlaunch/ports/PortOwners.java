package io.devlaunch.ports;

import java.util.List;

/** Which processes listen on a TCP port. One implementation per operating system. */
public interface PortOwners {

    /** Every listener on {@code port}, on any local address; empty when the port is free. */
    List<PortHolder> holders(int port);

    /** The ports (with their listening address) that any of {@code pids} listens on; empty where unknown. */
    default java.util.Map<Integer, String> portsOf(java.util.Set<Long> pids) {
        return java.util.Map.of();
    }

    /** True while anything listens on {@code port}; cheaper than {@link #holders} where the OS allows. */
    default boolean isListening(int port) {
        return !holders(port).isEmpty();
    }

    static PortOwners forThisOs() {
        return switch (io.devlaunch.Os.current()) {
            case LINUX -> new LinuxPortOwners();
            case WINDOWS -> new NetstatPortOwners();
            case MAC -> new LsofPortOwners();
            case OTHER -> new BindProbePortOwners();
        };
    }
}
