package io.devlaunch.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListenProbeTest {

    @Test
    void refusedUntilSomethingListensThenOpen() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
            assertTrue(ListenProbe.forLoopback("127.0.0.1", port).orElseThrow().listening());
        }
        assertFalse(ListenProbe.forLoopback("127.0.0.1", port).orElseThrow().listening(), "nothing listens on " + port + " any more");
    }

    @Test
    void localhostCountsWhenOnlyOneOfItsAddressesListens() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(ListenProbe.forLoopback("localhost", s.getLocalPort()).orElseThrow().listening());
        }
    }

    @Test
    void onlyForLoopbackAddressesGivenAsLiterals() {
        assertTrue(ListenProbe.forLoopback("[::1]", 8080).isPresent());
        assertFalse(ListenProbe.forLoopback("10.1.2.3", 8080).isPresent(), "a remote connect does not fail at once");
        assertFalse(ListenProbe.forLoopback("db.internal", 8080).isPresent(), "no DNS lookup to find out");
        assertFalse(ListenProbe.forLoopback("127.0.0.1", 0).isPresent());
    }

    @Test
    void socketChecksOfferOneAndOtherHostsDoNot() {
        assertTrue(new TcpCheck("127.0.0.1", 8080).listenProbe().isPresent());
        assertTrue(new HttpCheck(java.net.URI.create("http://localhost:8080/health"), 0, 8080).listenProbe().isPresent());
        assertFalse(new TcpCheck("example.com", 80).listenProbe().isPresent());
    }
}
