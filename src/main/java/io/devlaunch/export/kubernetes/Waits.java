package io.devlaunch.export.kubernetes;

import io.devlaunch.export.OneShot;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * depends-on as init containers, which run one after another before the service's own container.
 * Kubernetes has no start order, so each dependent waits:
 * <ul>
 *   <li>on a one-shot task (a Job): {@code kubectl wait --for=condition=complete job/NAME}, in
 *       {@value #KUBECTL_IMAGE} (its entrypoint is kubectl), with the namespace's job-waiter
 *       ServiceAccount that may read Jobs ({@link Rbac}). A failed or missing Job fails the wait;
 *       the kubelet retries it with back-off, so the dependent starts once the Job has completed;</li>
 *   <li>on a long-running service with a port: until its Service accepts a TCP connection, in
 *       {@value #PROBE_IMAGE} ({@code nc -z}). A Service routes only to ready pods, so this waits
 *       for the dependency's readiness probe — devlaunch's "healthy" — not merely for it to start;</li>
 *   <li>a long-running service with no port has nothing to wait on: it starts alongside.</li>
 * </ul>
 */
final class Waits {
    static final String KUBECTL_IMAGE = "registry.k8s.io/kubectl:v1.33.0";
    static final String PROBE_IMAGE = "busybox:1.37";
    static final String JOB_WAIT_TIMEOUT = "600s";

    private final Manifest manifest;
    private final Names names;

    Waits(Manifest manifest, Names names) {
        this.manifest = manifest;
        this.names = names;
    }

    /** Whether {@code s} waits on a Job, and so needs the job-waiter ServiceAccount. */
    boolean waitsOnJob(ServiceSpec s) {
        return s.dependsOn().stream().anyMatch(d -> OneShot.is(manifest.service(d)));
    }

    /** The init containers for {@code s}'s dependencies, in depends-on order; what each waits for goes to {@code said}. */
    List<Container> containers(ServiceSpec s, Consumer<String> said) {
        List<Container> out = new ArrayList<>();
        for (String d : s.dependsOn()) {
            ServiceSpec dep = manifest.service(d);
            String k = names.of(d);
            if (OneShot.is(dep)) {
                out.add(new ContainerBuilder().withName("wait-for-" + k).withImage(KUBECTL_IMAGE)
                        .withArgs("wait", "--for=condition=complete", "--timeout=" + JOB_WAIT_TIMEOUT, "job/" + k).build());
                said.accept(k + " (Job complete)");
            } else if (!dep.ports().isEmpty()) {
                int port = dep.ports().get(0);
                String script = "until nc -z -w 2 " + k + " " + port + "; do echo waiting for " + k + ":" + port
                        + "; sleep 2; done";
                out.add(new ContainerBuilder().withName("wait-for-" + k).withImage(PROBE_IMAGE)
                        .withCommand(Commands.SHELL, "-c", script).build());
                said.accept(k + " (Service " + k + ":" + port + " ready)");
            }
        }
        return out;
    }
}
