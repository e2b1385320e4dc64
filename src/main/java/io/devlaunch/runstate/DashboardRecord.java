package io.devlaunch.runstate;

import io.devlaunch.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code .devlaunch/dashboard.json}: the running dashboard's address with its token, for
 * {@code devlaunch dashboard}. The token opens the dashboard (which can stop processes), so the
 * file is owner-only from its first byte ({@link StateFolder#writeAtomically}). It lives
 * here, not in {@code web}, so that reading it loads no server classes.
 *
 * @param supervisorPid the supervisor serving it: a record of another run is a leftover
 */
public record DashboardRecord(long supervisorPid, int port, String url) {
    public static Path file(StateFolder folder) {
        return folder.dir().resolve("dashboard.json");
    }

    public void write(StateFolder folder) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pid", supervisorPid);
        m.put("port", port);
        m.put("url", url);
        folder.writeAtomically(file(folder), Json.render(m));
    }

    /** The record, when there is a readable one. */
    public static Optional<DashboardRecord> read(StateFolder folder) {
        Path file = file(folder);
        try {
            if (!Files.isRegularFile(file)) return Optional.empty();
            var c = Json.parse(Files.readString(file));
            return Optional.of(new DashboardRecord(c.getLong("pid"), c.getInt("port"), c.getString("url")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static void remove(StateFolder folder) {
        try {
            Files.deleteIfExists(file(folder));
        } catch (IOException ignored) {
            // the next run replaces it; `devlaunch dashboard` checks the PID anyway
        }
    }
}
