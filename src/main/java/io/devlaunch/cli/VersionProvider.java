package io.devlaunch.cli;

import java.io.IOException;
import picocli.CommandLine.IVersionProvider;

/** picocli's view of {@link Version}, for {@code --version} where the fast path does not take it. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {Version.line()};
    }
}
