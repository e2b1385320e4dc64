package io.devlaunch.web;

import io.devlaunch.json.Json;
import io.devlaunch.json.JsonWriter;

/**
 * JSON strings for the log lines' hot path ({@link LogLine}, which renders a line's object around
 * its bytes once, as it arrives), through the codec's {@link Json#quote}; and the API's error body.
 */
final class JsonText {
    private JsonText() {}

    static StringBuilder quote(StringBuilder sb, String s) {
        return Json.quote(sb, s);
    }

    /** {@code {"error":"…"}}. */
    static String error(String message) {
        return new JsonWriter().beginObject().field("error", message).endObject().toString();
    }
}
