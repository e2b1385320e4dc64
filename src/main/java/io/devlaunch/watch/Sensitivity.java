package io.devlaunch.watch;

import java.nio.file.WatchEvent;

/**
 * Where the JDK has no native watch (macOS: it polls every 10 s by default), ask for its most
 * sensitive polling (2 s). Looked up by name because the modifier lives in jdk.unsupported; on
 * Linux (inotify) nothing is passed, as there is nothing to tune.
 */
final class Sensitivity {
    static final WatchEvent.Modifier[] MODIFIERS = modifiers();

    private Sensitivity() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static WatchEvent.Modifier[] modifiers() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.contains("linux")) return new WatchEvent.Modifier[0];
        try {
            Class<? extends Enum> c = (Class<? extends Enum>) Class.forName("com.sun.nio.file.SensitivityWatchEventModifier");
            return new WatchEvent.Modifier[] {(WatchEvent.Modifier) Enum.valueOf(c, "HIGH")};
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new WatchEvent.Modifier[0];
        }
    }
}
