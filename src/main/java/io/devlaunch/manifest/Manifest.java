package io.devlaunch.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code launcher.conf}: nothing downstream re-checks it.
 *
 * @param project    the project name (default: the root folder's name)
 * @param file       the manifest file
 * @param root       the project root (the manifest's folder); relative paths start here
 * @param services   services in start order: every service comes after what it depends on
 * @param killStale  whether {@code up} may stop foreign processes holding configured ports
 * @param dashboard  the {@code dashboard} block: whether {@code up} serves it, and on which port
 * @param logs       the {@code logs} block: when a service's log file is rotated, and how many old ones stay
 */
public record Manifest(String project, Path file, Path root, Map<String, ServiceSpec> services, boolean killStale,
                       Dashboard dashboard, Logs logs) {

    /** {@code logs { max-size, keep }}: a chatty service's files never pass (keep + 1) x max-size (+ one write each). */
    public record Logs(long maxSize, int keep) {
        public static final long MIN_SIZE = 64 * 1024;
        public static final Logs DEFAULT = new Logs(10L << 20, 3);
    }

    /**
     * {@code dashboard { enabled, port }}. The port is a fixed default so a bookmark keeps working;
     * {@code up} takes the next free one when it is taken.
     */
    public record Dashboard(boolean enabled, int port) {
        public static final int DEFAULT_PORT = 7878;
        public static final Dashboard DEFAULT = new Dashboard(true, DEFAULT_PORT);
    }

    public Manifest {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public ServiceSpec service(String name) {
        ServiceSpec s = services.get(name);
        if (s == null) throw new IllegalArgumentException("no service '" + name + "'");
        return s;
    }

    /** Every port a service claims — a proxied service's public one — in all services, selected or not. */
    public Set<Integer> ports() {
        Set<Integer> out = new java.util.TreeSet<>();
        services.values().forEach(s -> out.addAll(s.ports()));
        return out;
    }

    public List<String> startOrder() {
        return List.copyOf(services.keySet());
    }

    /** The named services and everything they depend on, in start order. */
    public List<String> withDependencies(List<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (wanted.add(n)) todo.addAll(service(n).dependsOn());
        }
        return services.keySet().stream().filter(wanted::contains).toList();
    }

    /** Services that depend on {@code name}, directly or not. */
    public Set<String> dependentsOf(String name) {
        Set<String> out = new LinkedHashSet<>();
        for (ServiceSpec s : services.values()) {
            if (s.dependsOn().stream().anyMatch(d -> d.equals(name) || out.contains(d))) out.add(s.name());
        }
        return out;
    }
}
