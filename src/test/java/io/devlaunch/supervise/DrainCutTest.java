package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import io.devlaunch.testing.Tools;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart waits for the requests in flight up to the service's stop-timeout; one still running
 * then (a long upload, a slow query) is cut, and the console says so — it never vanishes unsaid.
 */
@Timeout(60)
class DrainCutTest {
    @TempDir
    Path dir;

    @Test
    void aRequestStillInFlightAtTheStopTimeoutIsCutAndSaid() throws Exception {
        Path python = Tools.need("python3", "python3");
        Files.writeString(dir.resolve("slow.py"), """
                import http.server, sys, time
                class H(http.server.BaseHTTPRequestHandler):
                    protocol_version = "HTTP/1.1"
                    def do_GET(self):
                        if self.path == "/slow": time.sleep(30)
                        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
                        self.wfile.write(b"ok")
                    def log_message(self, *a): pass
                http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
                """);
        int port = Fixtures.freePort();
        String manifest = """
                services {
                  api {
                    command = ["%s", "slow.py", "$PORT"]
                    port = %d
                    proxy = true
                    stop-timeout = 1s
                    health.http = "http://127.0.0.1:%d/health"
                  }
                }
                """.formatted(python, port, port);
        try (Stack s = Stack.start(dir, manifest); Socket slow = new Socket("127.0.0.1", port)) {
            s.awaitState("api", ServiceState.HEALTHY);
            slow.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight(s) == 1);
            assertTrue(s.restart(List.of("api"), false, () -> { }), s.flat());
            assertTrue(s.flat().contains("api 1 request still in flight after the stop-timeout (1.00s) cut off by this restart"),
                    s.flat());
            InputStream in = slow.getInputStream();
            assertTrue(in.read() == -1, "the cut request's connection is closed, not left hanging");
        }
    }

    private static int inFlight(Stack s) throws Exception {
        return s.supervisor().heldPorts().of("api").inFlight();
    }
}
