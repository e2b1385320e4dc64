package io.devlaunch.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Tells JNA where the C library is before its first use. Without {@code jna.platform.library.path}
 * JNA's class initialiser runs {@code /sbin/ldconfig -p} to learn the library folders: a process
 * started through the JDK's spawn helper in every supervisor, and the JDK's "process reaper" thread
 * that stays behind for a minute. The folder of the libc this JVM has mapped is all that devlaunch
 * and NuProcess load ("c"), so it is read from {@code /proc/self/maps}.
 */
final class NativeLibs {
    private static final String PROPERTY = "jna.platform.library.path";

    private NativeLibs() {}

    /** Sets the property when unset (Linux only); JNA falls back to ldconfig if the guess is wrong. */
    static synchronized void prepare() {
        if (System.getProperty(PROPERTY) != null) return;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) return;
        Set<String> dirs = new LinkedHashSet<>();
        try (var lines = Files.lines(maps)) {
            lines.map(l -> l.substring(l.lastIndexOf(' ') + 1))
                    .filter(p -> p.startsWith("/") && (p.contains("/libc.so") || p.contains("/libc-")))
                    .forEach(p -> dirs.add(p.substring(0, p.lastIndexOf('/'))));
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (dirs.isEmpty()) return;
        dirs.add("/usr/lib");
        dirs.add("/lib");
        System.setProperty(PROPERTY, String.join(java.io.File.pathSeparator, dirs));
    }
}
