package io.devlaunch.process;

import io.devlaunch.Os;
import io.devlaunch.manifest.Command;
import java.util.List;

/** The argv a manifest command runs as on this OS: a list as it is, a string through the platform shell. */
public final class Argv {
    private Argv() {}

    public static List<String> of(Command command) {
        if (!command.isShell()) return command.argv();
        return Os.isWindows() ? List.of("cmd.exe", "/c", command.shellLine()) : List.of("/bin/sh", "-c", command.shellLine());
    }
}
