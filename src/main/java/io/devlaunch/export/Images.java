package io.devlaunch.export;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import java.util.ArrayList;
import java.util.List;

/** Compose and Kubernetes run container images: every service needs one, and the error names them all. */
public final class Images {
    private Images() {}

    /** Exit 2 naming every service without {@code image}, and how to give one. */
    public static void require(Manifest m, String format) {
        List<String> missing = new ArrayList<>();
        for (ServiceSpec s : m.services().values()) {
            if (s.image().isEmpty()) missing.add(s.name() + " (" + s.location() + ")");
        }
        if (missing.isEmpty()) return;
        throw DevLaunchException.badInput("export " + format + " needs a container image for every service; "
                + (missing.size() == 1 ? "this one has none: " : "these " + missing.size() + " have none: ")
                + String.join(", ", missing) + ".\n  Add image = \"…\" to each service (e.g. image = \"python:3.12-slim\"),"
                + " or one for all in defaults { image = \"…\" }. devlaunch up ignores image.");
    }
}
