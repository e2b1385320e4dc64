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

    static PortOwners forThisOs() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) return new LinuxPortOwners();
        if (os.contains("windows")) return new NetstatPortOwners();
        if (os.contains("mac") || os.contains("bsd")) return new LsofPortOwners();
        return new BindProbePortOwners();
    }
}
