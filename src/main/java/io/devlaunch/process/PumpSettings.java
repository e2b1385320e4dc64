package io.devlaunch.process;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * NuProcess's settings, read once when its first class loads: so they are set before anything
 * spawns, by every entry point, and the test JVMs are given the same ones (pom.xml; a test fails
 * when the two drift apart, since a test under another pump layout proves nothing about users').
 */
public final class PumpSettings {
    /** Property → value, in the order they are set. */
    public static final Map<String, String> PROPERTIES;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        // NuProcess's own hook SIGTERMs direct children only and swallows our onExit; we stop whole trees ourselves.
        p.put("com.zaxxer.nuprocess.enableShutdownHook", "false");
        // One pump thread serves every child: dev-server output is bursty, and threads must not grow with services.
        p.put("com.zaxxer.nuprocess.threads", "1");
        // Its thread waits in epoll (native code) up to this long; System.exit waits for threads in
        // native code, so the default 250 ms made every `up` end ~200 ms late. 100 is its minimum.
        p.put("com.zaxxer.nuprocess.deadPoolPollMs", "100");
        PROPERTIES = Map.copyOf(p);
    }

    private PumpSettings() {}

    public static void apply() {
        PROPERTIES.forEach(System::setProperty);
    }
}
