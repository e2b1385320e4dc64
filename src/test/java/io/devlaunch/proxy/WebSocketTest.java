package io.devlaunch.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devlaunch.fixtures.WebSocketEcho;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An HTTP Upgrade to WebSocket passes through, and frames flow both ways after it. */
class WebSocketTest {

    @Test
    void theJdkWebSocketClientTalksToAnEchoServerThroughTheProxy() throws Exception {
        ProxyLoop loop = ProxyLoop.start();
        try (WebSocketEcho echo = WebSocketEcho.start(0)) {
            int pub = Sockets.freePort();
            PortProxy proxy = loop.open("ws", List.of(pub));
            proxy.forwardTo(Map.of(pub, echo.port()));
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            byte[] payload = SpliceTest.random(100_000, 7);
            ByteArrayOutputStream binary = new ByteArrayOutputStream();
            CompletableFuture<Integer> closedWith = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + pub + "/echo"), new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(text.toString());
                                text.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                            byte[] part = new byte[data.remaining()];
                            data.get(part);
                            binary.writeBytes(part);
                            if (last) received.add("binary:" + Arrays.equals(binary.toByteArray(), payload));
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                            closedWith.complete(status);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("hello through the proxy", true).get(5, TimeUnit.SECONDS);
            assertEquals("hello through the proxy", received.poll(5, TimeUnit.SECONDS));
            ws.sendBinary(ByteBuffer.wrap(payload), true).get(5, TimeUnit.SECONDS);
            assertEquals("binary:true", received.poll(5, TimeUnit.SECONDS), "100 kB binary message echoed byte-identical");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            assertEquals(WebSocket.NORMAL_CLOSURE, closedWith.get(5, TimeUnit.SECONDS));
        } finally {
            loop.close();
            loop.closed().get(5, TimeUnit.SECONDS);
        }
    }
}
