package io.devlaunch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into {@code devlaunch-version.properties} at build time. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/devlaunch-version.properties")) {
            if (in != null) p.load(in);
        }
        return new String[] {"devlaunch " + p.getProperty("version", "unknown")
                + " (Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + ")"};
    }
}
