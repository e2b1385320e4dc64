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
        return "devlaunch " + p.getProperty("version", "unknown")
                + " (Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ")";
    }
}
