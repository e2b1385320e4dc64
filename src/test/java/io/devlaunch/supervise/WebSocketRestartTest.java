package io.devlaunch.supervise;

import static io.devlaunch.testing.Fixtures.javaCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.fixtures.WebSocketEcho;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebSocket through {@code proxy = true} across a restart, with Java's own client: it is closed
 * with code 1012 (Service Restart) — not cut — and reconnecting through the public port reaches
 * the new instance.
 */
@Timeout(60)
class WebSocketRestartTest {
    @TempDir
    Path dir;

    @Test
    void aRestartClosesAWebSocketWith1012AndAReconnectReachesTheNewInstance() throws Exception {
        int port = Fixtures.freePort();
        String manifest = """
                services {
                  ws {
                    command = %s
                    port = %d
                    proxy = true
                    health.tcp = "127.0.0.1:%d"
                  }
                }
                """.formatted(javaCommand(WebSocketEcho.class, "$PORT"), port, port);
        try (Stack s = Stack.start(dir, manifest)) {
            s.awaitState("ws", ServiceState.HEALTHY);
            long first = s.pid("ws");
            Client before = Client.connect(port);
            assertEquals("hello", before.echo("hello"));
            assertTrue(s.restart(List.of("ws"), false, () -> { }), s.flat());
            assertEquals(1012, before.closed.get(10, TimeUnit.SECONDS), "close code: Service Restart");
            assertTrue(s.pid("ws") != first);
            Client after = Client.connect(port);
            assertEquals("again", after.echo("again"));
            after.ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        }
    }

    /** Java's WebSocket client: one text answer at a time, and the close code it was sent. */
    private static final class Client implements WebSocket.Listener {
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private volatile CompletableFuture<String> answer = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        WebSocket ws;

        static Client connect(int port) throws Exception {
            Client c = new Client();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), c).get(10, TimeUnit.SECONDS);
            return c;
        }

        String echo(String message) throws Exception {
            answer = new CompletableFuture<>();
            ws.sendText(message, true).get(5, TimeUnit.SECONDS);
            return answer.get(5, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                answer.complete(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
