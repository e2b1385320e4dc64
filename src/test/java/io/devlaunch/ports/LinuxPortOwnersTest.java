package io.devlaunch.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@EnabledOnOs(OS.LINUX)
class LinuxPortOwnersTest {
    private final LinuxPortOwners owners = new LinuxPortOwners();
    private final long me = ProcessHandle.current().pid();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "::1", "::"})
    void findsThisProcessListeningOnAnyBindAddress(String bind) throws Exception {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(bind), 0));
            List<PortHolder> holders = owners.holders(s.getLocalPort());
            assertEquals(1, holders.size(), holders.toString());
            PortHolder h = holders.get(0);
            assertEquals(me, h.pid().orElseThrow());
            InetAddress expected = InetAddress.getByName(bind);
            InetAddress found = InetAddress.getByName(h.address());
            // Java binds 0.0.0.0 as a dual-stack "::" socket: any wildcard matches a wildcard.
            assertTrue(expected.equals(found) || (expected.isAnyLocalAddress() && found.isAnyLocalAddress()),
                    bind + " reported as " + h.address());
            assertTrue(h.command().contains("java"), h.command());
            assertTrue(h.startedAt().isPresent());
            assertTrue(h.describe().startsWith("PID " + me + " ("), h.describe());
        }
    }

    @Test
    void aClosedPortHasNoHolder() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertEquals(List.of(), owners.holders(port));
    }

    @Test
    void portsOfAProcessListsItsListeners() throws Exception {
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            Map<Integer, String> ports = owners.portsOf(Set.of(me));
            assertTrue(ports.containsKey(a.getLocalPort()) && ports.containsKey(b.getLocalPort()), ports.toString());
        }
    }
}
