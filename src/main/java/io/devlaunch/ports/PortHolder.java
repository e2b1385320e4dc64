package io.devlaunch.ports;

import io.devlaunch.process.CommandLines;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process listening on a TCP port, or — when {@code pid} is empty — a listener whose owner this
 * user cannot see (another user's process, a container proxy).
 */
public record PortHolder(int port, String address, Optional<Long> pid, String command, String user,
                         Optional<Instant> startedAt) {

    public static PortHolder unknownOwner(int port, String address) {
        return new PortHolder(port, address, Optional.empty(), "", "", Optional.empty());
    }

    public boolean ownerKnown() {
        return pid.isPresent();
    }

    /** "PID 41233 (python3 -m uvicorn main:app, started 2h ago)" or an explanation for an unseen owner. */
    public String describe() {
        if (pid.isEmpty()) {
            return "a process this user cannot see (another user's, or a container proxy); try `sudo ss -ltnp 'sport = :"
                    + port + "'` or `sudo lsof -nP -iTCP:" + port + " -sTCP:LISTEN`";
        }
        StringBuilder sb = new StringBuilder("PID ").append(pid.get()).append(" (");
        sb.append(command.isBlank() ? "command unknown" : CommandLines.abbreviate(command, 100));
        startedAt.ifPresent(t -> sb.append(", started ").append(age(Duration.between(t, Instant.now()))).append(" ago"));
        return sb.append(')').toString();
    }

    public static String age(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) return s + "s";
        if (s < 3600) return (s / 60) + "m";
        if (s < 86400) return (s / 3600) + "h" + (s % 3600 / 60 > 0 ? " " + s % 3600 / 60 + "m" : "");
        return (s / 86400) + "d";
    }
}
