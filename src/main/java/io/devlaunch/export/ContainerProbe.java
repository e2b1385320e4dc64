package io.devlaunch.export;

import io.devlaunch.manifest.HealthSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A health check as a shell command: run inside the service's container by a Compose healthcheck
 * (those only run commands), or on the host by a systemd unit's readiness wait. {@code test} starts with {@code CMD} (exec form) or {@code CMD-SHELL} (through the
 * image's {@code /bin/sh}); {@code needs} says what the image must have, or is null.
 *
 * <ul>
 *   <li>command → the same command ({@code CMD} for a list, {@code CMD-SHELL} for a string).</li>
 *   <li>http → {@code curl -fsS}, falling back to {@code wget -q} (Debian-based images usually have
 *       curl, Alpine's busybox has wget). curl's {@code -f} fails on 4xx/5xx, so a 3xx counts as up;
 *       with {@code expect-status} the status is compared exactly (curl only).</li>
 *   <li>tcp → bash's {@code /dev/tcp} (every Debian/Ubuntu-based image), falling back to
 *       {@code nc -z} (Alpine/busybox).</li>
 *   <li>log → nothing: no container tool can watch the service's own output.</li>
 * </ul>
 */
public record ContainerProbe(List<String> test, String needs) {

    public static Optional<ContainerProbe> of(HealthSpec h) {
        return switch (h.kind()) {
            case COMMAND -> Optional.of(command(h));
            case HTTP -> Optional.of(http(h.target(), h.expectStatus()));
            case TCP -> Optional.of(tcp(h.target()));
            case LOG -> Optional.empty();
        };
    }

    /** The check as one {@code sh} line that exits 0 when healthy (for a wait loop outside a container). */
    public String shellLine() {
        return test.get(0).equals("CMD-SHELL") ? test.get(1) : ShellWords.join(test.subList(1, test.size()));
    }

    private static ContainerProbe command(HealthSpec h) {
        if (h.command().isShell()) return new ContainerProbe(List.of("CMD-SHELL", h.command().shellLine()), null);
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(h.command().argv());
        return new ContainerProbe(List.copyOf(test), null);
    }

    private static ContainerProbe http(String url, int expectStatus) {
        String u = ShellWords.quote(url);
        if (expectStatus != 0) {
            return new ContainerProbe(List.of("CMD-SHELL", "[ \"$(curl -s -o /dev/null -w '%{http_code}' " + u + ")\" = "
                    + expectStatus + " ] || exit 1"), "curl in the image");
        }
        return new ContainerProbe(List.of("CMD-SHELL",
                "curl -fsS -o /dev/null " + u + " || wget -q -O /dev/null " + u + " || exit 1"),
                "curl or wget in the image");
    }

    private static ContainerProbe tcp(String target) {
        int colon = target.lastIndexOf(':');
        String host = target.substring(0, colon).replaceAll("^\\[|]$", "");
        String port = target.substring(colon + 1);
        String devTcp = ShellWords.quote("exec 3<>/dev/tcp/" + host + "/" + port);
        return new ContainerProbe(List.of("CMD-SHELL", "bash -c " + devTcp + " 2>/dev/null || nc -z "
                + ShellWords.quote(host) + " " + port + " || exit 1"), "bash (its /dev/tcp) or nc in the image");
    }
}
