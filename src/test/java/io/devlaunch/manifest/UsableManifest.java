package io.devlaunch.manifest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the rest of devlaunch takes for granted about a loaded {@link Manifest} ("after this,
 * nothing re-checks the manifest"): every string that reaches a process, a path or a socket is one
 * the OS accepts, every number is in range, every reference points at something.
 */
final class UsableManifest {
    private UsableManifest() {}

    static void check(Manifest m) {
        assertTrue(m.file().isAbsolute() && m.root().isAbsolute(), "absolute file and root");
        assertNoNul("project", m.project());
        assertEquals(Set.copyOf(m.services().keySet()), Set.copyOf(m.startOrder()));
        Set<String> started = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (ServiceSpec s : m.services().values()) {
            String at = "services." + s.name();
            assertTrue(s.name().matches("[A-Za-z0-9][A-Za-z0-9_-]*"), at + ": a name fit for a file name");
            for (String d : s.dependsOn()) assertTrue(started.contains(d), at + " starts after " + d);
            started.add(s.name());
            command(at + ".command", s.command());
            for (Command c : s.beforeStart()) command(at + ".before-start", c);
            assertTrue(s.dir().isAbsolute(), at + ".dir absolute");
            for (var f : s.envFiles()) assertTrue(f.isAbsolute(), at + ".env-file absolute");
            for (Map.Entry<String, String> e : s.env().entrySet()) {
                assertFalse(e.getKey().isEmpty() || e.getKey().contains("="), at + ".env key '" + e.getKey() + "'");
                assertNoNul(at + ".env key", e.getKey());
                assertNoNul(at + ".env." + e.getKey(), e.getValue());
            }
            for (int p : s.ports()) {
                assertTrue(p >= 1 && p <= 65535, at + ".port " + p);
                assertTrue(ports.add(p), "port " + p + " owned once");
            }
            for (String c : s.clean()) {
                assertNoNul(at + ".clean", c);
                assertDoesNotThrow(() -> m.root().resolve(c), at + ".clean " + c);
            }
            assertTrue(s.maxRestarts() >= 0, at + ".max-restarts");
            duration(at + ".restart-window", s.restartWindow());
            duration(at + ".stop-timeout", s.stopTimeout());
            assertTrue(ManifestKeys.SIGNALS.contains(s.stopSignal()), at + ".stop-signal " + s.stopSignal());
            s.health().ifPresent(h -> health(at + ".health", h));
            if (s.proxy().enabled()) duration(at + ".proxy-timeout", s.proxy().timeout());
            duration(at + ".watch-debounce", s.watch().debounce());
            for (String w : s.watch().entries()) assertNoNul(at + ".watch", w);
            for (String w : s.watch().ignore()) assertNoNul(at + ".watch-ignore", w);
        }
    }

    private static void health(String at, HealthSpec h) {
        duration(at + ".timeout", h.timeout());
        switch (h.kind()) {
            case HTTP -> {
                URI u = assertDoesNotThrow(() -> new URI(h.target()), at + ".http");
                assertTrue(u.getHost() != null && u.getPort() <= 65535, at + ".http host and port: " + h.target());
                assertTrue(h.expectStatus() == 0 || (h.expectStatus() >= 100 && h.expectStatus() <= 599), at + ".expect-status");
            }
            case TCP -> {
                String port = h.target().substring(h.target().lastIndexOf(':') + 1);
                int p = assertDoesNotThrow(() -> Integer.parseInt(port), at + ".tcp " + h.target());
                assertTrue(p >= 1 && p <= 65535, at + ".tcp port " + p);
                assertNoNul(at + ".tcp", h.target());
            }
            case LOG -> {
                assertNoNul(at + ".log", h.target());
                assertDoesNotThrow(() -> Pattern.compile(h.target()), at + ".log");
            }
            case COMMAND -> command(at + ".command", h.command());
        }
    }

    private static void command(String at, Command c) {
        List<String> argv = io.devlaunch.process.Argv.of(c);
        if (argv.isEmpty() || argv.get(0).isBlank()) fail(at + ": no program");
        for (String a : argv) assertNoNul(at, a);
        if (c.isShell()) assertFalse(c.shellLine().isBlank(), at + ": empty shell line");
    }

    private static void duration(String at, Duration d) {
        assertTrue(d.compareTo(Duration.ZERO) > 0, at + " > 0: " + d);
        // A supervisor adds these to clock readings: they must leave room for that.
        assertTrue(d.compareTo(Duration.ofDays(365)) < 0, at + " within reason: " + d);
    }

    private static void assertNoNul(String at, String s) {
        assertFalse(s.indexOf('\0') >= 0, at + " holds a NUL character");
    }
}
