package io.devlaunch.export;

import io.devlaunch.manifest.RestartPolicy;
import io.devlaunch.manifest.ServiceSpec;

/**
 * What every exporter calls a one-shot task (PRODUCT.md): {@code restart = no} and no port. It runs,
 * ends, and its dependents start once it ended well — Compose's
 * {@code service_completed_successfully}, a Kubernetes Job, systemd's {@code Type=oneshot}.
 */
public final class OneShot {
    private OneShot() {}

    public static boolean is(ServiceSpec s) {
        return s.restart() == RestartPolicy.NO && s.ports().isEmpty();
    }
}
