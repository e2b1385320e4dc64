package io.devlaunch.web;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A browser's EventSource, as far as a test needs: reads /api/events on its own thread and keeps every event. */
final class SseReader implements AutoCloseable {
    record Event(String type, String id, String data) {}

    final List<Event> events = new CopyOnWriteArrayList<>();
    final int status;
    private final InputStream body;
    private final Thread thread;

    SseReader(Board board, String lastEventId) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(board.uri("/api/events")).header("Authorization", "Bearer " + board.token());
        if (lastEventId != null) r.header("Last-Event-ID", lastEventId);
        HttpResponse<InputStream> resp = board.http.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
        status = resp.statusCode();
        body = resp.body();
        thread = new Thread(this::read, "test-sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String type = null;
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    if (type != null || data.length() > 0) events.add(new Event(type == null ? "message" : type, id, data.toString()));
                    type = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) type = line.substring(7);
                else if (line.startsWith("id: ")) id = line.substring(4);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
            }
        } catch (Exception e) {
            // closed by the test, or the server ended the stream
        }
    }

    List<Event> of(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    void awaitEvent(Predicate<Event> p, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(10)).until(() -> events.stream().anyMatch(p));
    }

    @Override
    public void close() throws Exception {
        body.close();
        thread.join(5_000);
    }
}
