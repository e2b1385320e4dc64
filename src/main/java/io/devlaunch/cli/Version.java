package io.devlaunch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version line Maven wrote into {@code devlaunch-version.properties} at build time; no picocli. */
final class Version {
    private Version() {}

    static String line() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/devlaunch-version.properties")) {
            if (in != null) p.load(in);
        }
        return "devlaunch " + p.getProperty("version", "unknown") + " (" + java() + "; " + System.getProperty("os.name") + ")";
    }

    /**
     * Which Java runs it: version, vendor and home, and — from {@code bin/devlaunch}, which passes
     * {@code -Ddevlaunch.java="HOW STARTUP"} — how that Java was chosen and what it starts from.
     */
    static String java() {
        StringBuilder s = new StringBuilder("Java ").append(System.getProperty("java.version"))
                .append(", ").append(System.getProperty("java.vendor"))
                .append(", ").append(System.getProperty("java.home"));
        String[] how = System.getProperty("devlaunch.java", "").split(" ");
        switch (how[0]) {
            case "newest" -> s.append(", the newest found");
            case "JAVA_HOME", "DEVLAUNCH_JAVA" -> s.append(", from ").append(how[0]);
            default -> { }
        }
        if (how.length > 1) {
            switch (how[1]) {
                case "aot" -> s.append(", AOT cache");
                case "cds" -> s.append(", CDS archive");
                default -> { }
            }
        }
        return s.toString();
    }
}
