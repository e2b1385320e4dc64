package io.devlaunch.init;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A manifest about to be written: what it was made from, its vars, its services, and what to review. */
final class Draft {
    /** The file it was made from, e.g. {@code Procfile.dev} or {@code package.json}. */
    final String source;
    /** "3 processes" or "scripts.dev runs 2 scripts with concurrently". */
    String summary;
    String project;
    /** Ports written once, in order: {@code web-port = 5000}. */
    final Map<String, Integer> vars = new LinkedHashMap<>();
    String varsWhy;
    String envFile;
    String envFileWhy;
    final List<DraftService> services = new ArrayList<>();
    /** Things about the whole file for the user to look at. */
    final List<String> review = new ArrayList<>();

    Draft(String source) {
        this.source = source;
    }

    DraftService service(String name) {
        for (DraftService s : services) if (s.name.equals(name)) return s;
        return null;
    }
}
