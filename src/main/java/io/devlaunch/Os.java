package io.devlaunch;

import java.util.Locale;

/**
 * The operating system family, decided once. Every OS-specific choice (process trees, port owners,
 * signal numbers, the shell) asks here, so "which OS is this" has one answer.
 */
public enum Os {
    LINUX, MAC, WINDOWS, OTHER;

    private static final Os CURRENT = detect(System.getProperty("os.name", ""));

    public static Os current() {
        return CURRENT;
    }

    public static boolean isWindows() {
        return CURRENT == WINDOWS;
    }

    static Os detect(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) return LINUX;
        if (os.startsWith("windows")) return WINDOWS;
        if (os.contains("mac") || os.contains("darwin") || os.contains("bsd")) return MAC;
        return OTHER;
    }
}
