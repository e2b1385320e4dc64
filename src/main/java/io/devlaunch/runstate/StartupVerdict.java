package io.devlaunch.runstate;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the start of a detached run came out, as the background supervisor itself decided it
 * ({@code .devlaunch/startup.json}), written only once its console lines saying so are in
 * {@code supervisor.log}. {@code up --detach} reads this instead of recomputing the outcome from
 * {@code services.json} and scraping the log for a sentence: the supervisor is the one that knows
 * whether it keeps running.
 *
 * @param up      true once every service is up (healthy, or a one-shot task that exited 0)
 * @param down    the services that will not come up without someone acting (failed, stopped, exited non-zero)
 * @param running true when the supervisor stays: a service still runs, or it holds a failed run for inspection
 */
public record StartupVerdict(boolean up, List<String> down, boolean running) {
    private static final String UP = "up";
    private static final String DOWN = "down";
    private static final String RUNNING = "running";

    /** The verdict over {@code wanted}, once there is one: every one up, or one down. */
    public static Optional<StartupVerdict> of(List<String> wanted, Map<String, ServiceRecord> services) {
        if (!services.keySet().containsAll(wanted)) return Optional.empty();
        List<String> down = wanted.stream().filter(n -> services.get(n).isDown()).toList();
        // Down wins: a failed service is the news, even while another is still starting.
        if (!down.isEmpty()) return Optional.of(new StartupVerdict(false, down, true));
        if (!wanted.stream().allMatch(n -> services.get(n).isUp())) return Optional.empty();
        boolean anyRuns = wanted.stream().anyMatch(n -> !services.get(n).finishedItsTask());
        return Optional.of(new StartupVerdict(true, List.of(), anyRuns));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(UP, up);
        m.put(DOWN, down);
        m.put(RUNNING, running);
        return m;
    }

    static StartupVerdict from(Config c) {
        return new StartupVerdict(c.getBoolean(UP), c.getStringList(DOWN), c.getBoolean(RUNNING));
    }
}
