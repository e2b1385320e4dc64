package io.devlaunch.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The page: a fixed list of files from the jar, so no request path ever reaches a file name. */
final class StaticFiles {
    record File(String type, byte[] body) {}

    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {"index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"app.css", "text/css; charset=utf-8"});

    private final Map<String, File> loaded = new ConcurrentHashMap<>();

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
