package io.devlaunch.web;

import io.devlaunch.json.Json;

/** JSON strings for the event stream and the API, through {@link Json#quote} (which keeps markup inert). */
final class JsonText {
    private JsonText() {}

    static StringBuilder quote(StringBuilder sb, String s) {
        return Json.quote(sb, s);
    }

    /** {@code {"error":"…"}}. */
    static String error(String message) {
        return quote(new StringBuilder("{\"error\":"), message).append('}').toString();
    }
}
