package io.devlaunch.manifest;

import java.util.List;
import java.util.Set;

/** The keys a manifest may use; anything else is a typo until proven otherwise. */
final class ManifestKeys {
    private ManifestKeys() {}

    /** {@code vars} is a free-form block for values the manifest substitutes elsewhere. */
    static final Set<String> TOP = Set.of("project", "defaults", "services", "kill-stale", "vars", "dashboard", "logs");

    static final Set<String> DASHBOARD = Set.of("enabled", "port");

    static final Set<String> LOGS = Set.of("max-size", "keep");

    static final Set<String> SERVICE = Set.of("command", "dir", "port", "ports", "env", "env-file",
            "depends-on", "health", "before-start", "restart", "max-restarts", "restart-window",
            "stop-signal", "stop-timeout", "clean", "proxy", "proxy-timeout",
            "watch", "watch-ignore", "watch-debounce", "image", "interactive");

    static final Set<String> HEALTH = Set.of("http", "tcp", "log", "command", "timeout", "expect-status");

    static final List<String> HEALTH_KINDS = List.of("http", "tcp", "log", "command");

    static final Set<String> SIGNALS = Set.of("TERM", "INT", "HUP", "QUIT", "KILL", "USR1", "USR2");
}
