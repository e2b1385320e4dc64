package io.devlaunch.export.kubernetes;

import io.devlaunch.manifest.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * A manifest command as a container's {@code command}: a list is exec'd as written (it replaces the
 * image's entrypoint), a string runs through {@code /bin/sh -c} as devlaunch runs it through the
 * shell — so the image needs /bin/sh for string commands.
 */
final class Commands {
    static final String SHELL = "/bin/sh";

    private Commands() {}

    static List<String> argv(Command c) {
        if (!c.isShell()) return List.copyOf(c.argv());
        List<String> out = new ArrayList<>(List.of(SHELL, "-c"));
        out.add(c.shellLine());
        return out;
    }
}
