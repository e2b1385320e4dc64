package io.devlaunch.manifest;

import io.devlaunch.DevLaunchException;
import java.util.List;

/** Service names given on the command line, checked against the manifest before anything happens. */
public final class ServiceNames {
    private ServiceNames() {}

    /** @throws DevLaunchException (exit 2) naming the unknown service, the nearest real one and all of them */
    public static void requireKnown(Manifest manifest, List<String> names) {
        for (String s : names) {
            if (!manifest.services().containsKey(s)) {
                throw DevLaunchException.badInput("no service '" + s + "' in " + manifest.file().getFileName()
                        + Suggestions.hint(s, manifest.services().keySet(), "") + "; services: "
                        + String.join(", ", manifest.services().keySet()));
            }
        }
    }
}
