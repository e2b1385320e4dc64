package io.devlaunch.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The page: a fixed list of files from the jar, so no request path ever reaches a file name. */
final class StaticFiles {
    record File(String type, byte[] body) {}

    private static final String HTML = "text/html; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    // Browsers refuse a module script served with any other type (and nosniff forbids guessing).
    private static final String JS = "text/javascript; charset=utf-8";

    /** The page's ES modules (app.js imports the rest); each is served at "/" + its name. */
    static final List<String> MODULES = List.of("app.js", "dom.js", "ansi.js", "format.js", "notify.js", "api.js",
            "logs.js", "logtools.js", "rows.js", "actions.js", "stream.js");

    private static final Map<String, String[]> FILES = files();

    private final Map<String, File> loaded = new ConcurrentHashMap<>();

    private static Map<String, String[]> files() {
        Map<String, String[]> files = new HashMap<>();
        files.put("/", new String[] {"index.html", HTML});
        files.put("/index.html", new String[] {"index.html", HTML});
        files.put("/app.css", new String[] {"app.css", CSS});
        for (String module : MODULES) files.put("/" + module, new String[] {module, JS});
        return Map.copyOf(files);
    }

    /** The file for {@code path}, when it is one of the page's. */
    Optional<File> get(String path) throws IOException {
        String[] f = FILES.get(path);
        if (f == null) return Optional.empty();
        File cached = loaded.get(f[0]);
        if (cached != null) return Optional.of(cached);
        try (InputStream in = StaticFiles.class.getResourceAsStream(f[0])) {
            if (in == null) return Optional.empty();
            File file = new File(f[1], in.readAllBytes());
            loaded.put(f[0], file);
            return Optional.of(file);
        }
    }
}
