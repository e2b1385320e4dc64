package io.devlaunch.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** macOS and Windows port lookups, parsed from captured command output (only Linux runs here). */
class CapturedPortOwnersTest {

    @Test
    void lsofFieldOutputGivesPidCommandUserAndAddress() {
        String lsof = """
                p41233
                cPython
                Lalice
                f5
                n127.0.0.1:8000
                f6
                n[::1]:8000
                p41240
                cnode
                Lalice
                f22
                n*:8000
                """;
        List<PortHolder> holders = LsofPortOwners.parse(lsof, 8000);
        assertEquals(List.of(41233L, 41240L), holders.stream().map(h -> h.pid().orElseThrow()).toList());
        assertEquals("127.0.0.1", holders.get(0).address());
        assertEquals("alice", holders.get(0).user());
        assertEquals("*", holders.get(1).address());
    }

    @Test
    void netstatListenersAreFoundByForeignAddressWhateverTheLanguage() {
        String netstat = """

                Aktive Verbindungen

                  Proto  Lokale Adresse         Remoteadresse          Status           PID
                  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN          1052
                  TCP    127.0.0.1:8000         0.0.0.0:0              ABHÖREN          7312
                  TCP    127.0.0.1:8000         127.0.0.1:52311        HERGESTELLT      7312
                  TCP    127.0.0.1:52311        127.0.0.1:8000         HERGESTELLT      9120
                  TCP    [::]:8000              [::]:0                 ABHÖREN          7312
                  TCP    [::1]:80000            [::]:0                 ABHÖREN          1
                  TCP    0.0.0.0:8000           0.0.0.0:0              ABHÖREN          4
                """;
        List<PortHolder> holders = NetstatPortOwners.parse(netstat, 8000);
        assertEquals(List.of(7312L, 4L), holders.stream().map(h -> h.pid().orElseThrow()).toList());
        assertEquals("127.0.0.1", holders.get(0).address());
        assertEquals("System (kernel, e.g. http.sys)", holders.get(1).command());
    }
}
