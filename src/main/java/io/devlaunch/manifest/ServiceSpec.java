package io.devlaunch.manifest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service as the manifest describes it, validated and with defaults applied.
 *
 * <p>Defaults: {@code dir} = project root, {@code restart = on-failure}, {@code max-restarts = 5}
 * within {@code restart-window = 60s}, {@code stop-signal = TERM}, {@code stop-timeout = 5s}.
 * A service with ports and no health block gets an implicit TCP check on its first port.
 * {@code proxy} is off unless set; its {@code proxy-timeout} defaults to the health timeout.
 * {@code image} (a container image) is read only by {@code export}; running never uses it.
 * {@code interactive = true} runs it on a pseudo-terminal of its own, for {@code devlaunch attach}.
 */
public record ServiceSpec(
        String name,
        Command command,
        Path dir,
        List<Integer> ports,
        Map<String, String> env,
        List<Path> envFiles,
        List<String> dependsOn,
        Optional<HealthSpec> health,
        List<Command> beforeStart,
        RestartPolicy restart,
        int maxRestarts,
        Duration restartWindow,
        String stopSignal,
        Duration stopTimeout,
        List<String> clean,
        Proxy proxy,
        Watch watch,
        Optional<String> image,
        boolean interactive,
        Location location) {

    /**
     * {@code watch}: files, folders (recursive) or globs relative to {@code dir} whose changes restart
     * the service; {@code ignore} is added to the built-in ignores; a burst of changes within
     * {@code debounce} of each other is one restart. No entries: not watched.
     */
    public record Watch(List<String> entries, List<String> ignore, Duration debounce) {
        public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(200);
        public static final Watch OFF = new Watch(List.of(), List.of(), DEFAULT_DEBOUNCE);

        public Watch {
            entries = List.copyOf(entries);
            ignore = List.copyOf(ignore);
        }

        public boolean enabled() {
            return !entries.isEmpty();
        }
    }

    /**
     * {@code proxy = true}: devlaunch holds the service's ports for the whole run and the service
     * listens on private ones; a connection waits up to {@code timeout} for it to be healthy.
     */
    public record Proxy(boolean enabled, Duration timeout) {
        public static final Proxy OFF = new Proxy(false, HealthSpec.DEFAULT_TIMEOUT);
    }

    public static final RestartPolicy DEFAULT_RESTART = RestartPolicy.ON_FAILURE;
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final Duration DEFAULT_RESTART_WINDOW = Duration.ofSeconds(60);
    public static final String DEFAULT_STOP_SIGNAL = "TERM";
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    public ServiceSpec {
        ports = List.copyOf(ports);
        env = Map.copyOf(env);
        envFiles = List.copyOf(envFiles);
        dependsOn = List.copyOf(dependsOn);
        beforeStart = List.copyOf(beforeStart);
        clean = List.copyOf(clean);
    }
}
