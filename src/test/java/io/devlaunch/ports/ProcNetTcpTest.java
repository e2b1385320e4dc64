package io.devlaunch.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines captured from a real /proc/net/tcp and tcp6. */
class ProcNetTcpTest {

    @Test
    void parsesListenSocketsOfBothFamiliesAndSkipsOthers() {
        String tcp = """
                  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 31337 1 0000000000000000 100 0 0 10 0
                   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0
                   2: 0100007F:1F40 0100007F:D1C2 01 00000000:00000000 00:00000000 00000000     0        0 555 1 0000000000000000 20 4 30 10 -1
                """;
        String tcp6 = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
                   0: 00000000000000000000000001000000:1F41 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000000000000 100 0 0 10 0
                   1: 0000000000000000FFFF00000100007F:1F42 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 778 1 0000000000000000 100 0 0 10 0
                """;
        assertEquals(List.of(new ProcNetTcp.Listener("127.0.0.1", 8000, 31337), new ProcNetTcp.Listener("0.0.0.0", 8080, 4242)),
                ProcNetTcp.parseListeners(tcp));
        assertEquals(List.of(new ProcNetTcp.Listener("0:0:0:0:0:0:0:1", 8001, 777), new ProcNetTcp.Listener("127.0.0.1", 8002, 778)),
                ProcNetTcp.parseListeners(tcp6));
    }
}
