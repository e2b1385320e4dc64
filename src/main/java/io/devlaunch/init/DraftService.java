package io.devlaunch.init;

import java.util.ArrayList;
import java.util.List;

/** One service as {@code init} will write it, with the reasons for what it guessed. Built up by the importer, then rendered. */
final class DraftService {
    final String name;
    final String command;
    /** Where the command came from ({@code Procfile.dev:3}, {@code package.json scripts.dev:api}). */
    final String origin;
    final Detection detection;

    /** The port it owns, or null; when {@code portVar} is set, written as {@code ${vars.portVar}}. */
    Integer port;
    String portVar;
    String portWhy;
    /** foreman's contract: {@code env { PORT = ${vars.envPortVar} }}, or null for no PORT. */
    String envPortVar;
    /** An HTTP path for the health check (with {@code port}); null means the implicit TCP check on the port. */
    String healthPath;
    String healthWhy;
    String restart;
    String restartWhy;
    final List<String> dependsOn = new ArrayList<>();
    final List<String> dependsWhy = new ArrayList<>();
    /** Written as comments above the service, and listed under "review". */
    final List<String> review = new ArrayList<>();

    DraftService(String name, String command, String origin, Detection detection) {
        this.name = name;
        this.command = command;
        this.origin = origin;
        this.detection = detection;
    }
}
