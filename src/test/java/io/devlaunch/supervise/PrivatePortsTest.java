package io.devlaunch.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivatePortsTest {
    private final PrivatePorts ports = new PrivatePorts(Map.of(8000, 41234));

    @Test
    void tokensInEveryFormAreReplaced() {
        assertEquals(List.of("uvicorn", "--port", "41234", "--bind=127.0.0.1:41234", "41234"),
                ports.substitute(List.of("uvicorn", "--port", "$PORT", "--bind=127.0.0.1:${PORT}", "$PORT_8000")));
    }

    @Test
    void aTokenThatIsNotOneOfOursStaysAsWritten() {
        assertEquals("$PORTS $PORT_9999 ${PORT_9999} $HOME", ports.substitute("$PORTS $PORT_9999 ${PORT_9999} $HOME"));
        assertEquals("$PORT_99999999999 ${PORT_99999999999}", ports.substitute("$PORT_99999999999 ${PORT_99999999999}"),
                "more digits than a port has: not ours, and no NumberFormatException");
    }

    @Test
    void severalPortsGetTheirOwnVariables() throws Exception {
        PrivatePorts two = PrivatePorts.pick(List.of(8000, 8001));
        Map<String, String> env = two.env();
        assertEquals(env.get("PORT"), env.get("PORT_8000"));
        assertNotEquals(env.get("PORT_8000"), env.get("PORT_8001"));
        assertEquals(env.get("PORT_8001"), two.substitute("$PORT_8001"));
        assertEquals(Integer.parseInt(env.get("PORT_8001")), two.probed(8001));
        assertEquals(5432, two.probed(5432), "a port the service does not own is probed as written");
    }

    @Test
    void pickedPortsAreFreeToBind() throws Exception {
        PrivatePorts picked = PrivatePorts.pick(List.of(8000));
        try (ServerSocket s = new ServerSocket(picked.first(), 50, java.net.InetAddress.getLoopbackAddress())) {
            assertTrue(s.isBound());
        }
    }
}
