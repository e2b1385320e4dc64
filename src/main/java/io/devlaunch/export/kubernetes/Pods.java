package io.devlaunch.export.kubernetes;

import io.devlaunch.export.ComposeExport;
import io.devlaunch.export.LoopbackUrls;
import io.devlaunch.export.ServiceView;
import io.devlaunch.manifest.Command;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A service's pod: its container (image, command, working dir, env, env-file ConfigMap, ports,
 * probes), init containers that wait for its dependencies ({@link Waits}) and then run its
 * before-start commands in the same image, and its stop grace from {@code stop-timeout}.
 */
final class Pods {
    /** Where the project is in the image, as in the Compose export: each service's dir is under it. */
    static final String APP_ROOT = ComposeExport.APP_ROOT;

    private final Manifest manifest;
    private final Names names;
    private final Waits waits;
    private final Map<Integer, String> portOwners;

    Pods(Manifest manifest, Names names, Waits waits, Map<Integer, String> portOwners) {
        this.manifest = manifest;
        this.names = names;
        this.waits = waits;
        this.portOwners = portOwners;
    }

    /**
     * @param envConfigMap the ConfigMap holding the service's env-file values, if it has env files
     * @param waited       receives what the pod waits for, one entry per dependency
     */
    PodSpec spec(ServiceSpec s, boolean job, Optional<String> envConfigMap, Consumer<String> note, Consumer<String> waited) {
        String k = names.of(s.name());
        ServiceView view = ServiceView.of(s);
        List<EnvVar> env = env(view, note);
        List<EnvFromSource> envFrom = envConfigMap.map(cm -> List.of(new EnvFromSourceBuilder().withNewConfigMapRef()
                .withName(cm).endConfigMapRef().build())).orElse(List.of());
        String image = s.image().orElseThrow();
        String dir = workingDir(s, note);

        List<Container> init = new ArrayList<>(waits.containers(s, waited));
        List<Command> before = s.beforeStart();
        for (int i = 0; i < before.size(); i++) {
            init.add(new ContainerBuilder().withName(before.size() == 1 ? "before-start" : "before-start-" + (i + 1))
                    .withImage(image).withCommand(Commands.argv(before.get(i))).withWorkingDir(dir)
                    .withEnv(env).withEnvFrom(envFrom).build());
        }

        ContainerBuilder c = new ContainerBuilder().withName(k).withImage(image).withCommand(Commands.argv(view.command()))
                .withWorkingDir(dir).withEnv(env).withEnvFrom(envFrom);
        for (int p : s.ports()) {
            c.addToPorts(new ContainerPortBuilder().withName(PortNames.of(p)).withContainerPort(p).withProtocol("TCP").build());
        }
        if (!job) Probes.add(c, s, note);
        if (s.proxy().enabled()) note.accept("proxy = true has no Kubernetes equivalent: the service listens on its"
                + " ports itself (PORT is set to " + s.ports().get(0) + "); the Service holds the name and port");

        PodSpecBuilder pod = new PodSpecBuilder().withInitContainers(init).withContainers(c.build())
                .withTerminationGracePeriodSeconds(Timing.seconds(s.stopTimeout()));
        if (job) pod.withRestartPolicy("Never");
        if (waits.waitsOnJob(s)) pod.withServiceAccountName(names.projectObject(Rbac.SUFFIX));
        if (!ServiceSpec.DEFAULT_STOP_SIGNAL.equals(s.stopSignal())) {
            note.accept("stop-signal " + s.stopSignal() + ": Kubernetes sends the image's STOPSIGNAL (TERM unless the"
                    + " image says otherwise); set STOPSIGNAL " + s.stopSignal() + " in the image");
        }
        return pod.build();
    }

    /**
     * The manifest's env, loopback URLs of other services' ports rewritten to their Service names —
     * except in variables a frontend hands to the browser, which runs outside the cluster.
     */
    private List<EnvVar> env(ServiceView view, Consumer<String> note) {
        String self = names.of(view.name());
        List<EnvVar> out = new ArrayList<>();
        view.env().forEach((key, value) -> {
            String v = LoopbackUrls.rewrite(value, self, portOwners);
            if (!v.equals(value) && LoopbackUrls.readByTheBrowser(key)) {
                note.accept(key + " kept on loopback: the browser reads it, outside the cluster; it reaches " + value
                        + " through kubectl port-forward, else set the address browsers use (an Ingress)");
                v = value;
            } else if (!v.equals(value)) {
                note.accept(key + ": " + value + " → " + v + " (the Service named after the service)");
            }
            out.add(new EnvVar(key, v, null));
        });
        return out;
    }

    String rewrite(String self, String value) {
        return LoopbackUrls.rewrite(value, names.of(self), portOwners);
    }

    /** {@value #APP_ROOT} plus the service's dir relative to the project root. */
    private String workingDir(ServiceSpec s, Consumer<String> note) {
        Path root = manifest.root().toAbsolutePath().normalize();
        Path dir = s.dir().toAbsolutePath().normalize();
        if (!dir.startsWith(root)) {
            note.accept("dir " + dir + " is outside the project: no workingDir, the image's WORKDIR applies");
            return null;
        }
        String r = root.relativize(dir).toString().replace('\\', '/');
        return r.isEmpty() ? APP_ROOT : APP_ROOT + "/" + r;
    }

    /** Container and Service port names: IANA service names, at most 15 characters, here {@code port-N}. */
    static final class PortNames {
        private PortNames() {}

        static String of(int port) {
            return "port-" + port;
        }
    }
}
