package io.devlaunch.export.kubernetes;

import io.devlaunch.DevLaunchException;
import io.devlaunch.export.Images;
import io.devlaunch.export.KubernetesDocument;
import io.devlaunch.export.KubernetesRenderer;
import io.devlaunch.export.OneShot;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.process.Environment;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The manifest as Kubernetes objects, built with the fabric8 model: per long-running service a
 * Deployment (one replica) and, with ports, a ClusterIP Service of the same name; a one-shot task
 * ({@code restart = no}, no port) is a Job that runs once ({@code backoffLimit: 0}, as devlaunch
 * never restarts it); env files become a ConfigMap read through {@code envFrom}. Loaded by
 * {@code KubernetesModelLoader}, never by devlaunch's own class loader in the packaged jar.
 */
public final class Fabric8Renderer implements KubernetesRenderer {
    static final String WAITS_FOR = "devlaunch.io/waits-for";

    @Override
    public List<KubernetesDocument> render(Manifest m) {
        Images.require(m, "kubernetes");
        Names names = Names.of(m);
        Map<Integer, String> owners = new TreeMap<>();
        for (ServiceSpec s : m.services().values()) for (int p : s.ports()) owners.put(p, names.of(s.name()));
        Waits waits = new Waits(m, names);
        Pods pods = new Pods(m, names, waits, owners);

        List<KubernetesDocument> docs = new ArrayList<>();
        List<String> header = header(m, names);
        if (m.services().values().stream().anyMatch(waits::waitsOnJob)) {
            List<String> why = new ArrayList<>(header);
            why.add("ServiceAccount, Role and RoleBinding: init containers wait for Jobs with `kubectl wait`, which may"
                    + " only get, list and watch Jobs in this namespace.");
            for (HasMetadata o : Rbac.objects(names)) {
                docs.add(doc(o, why));
                why = List.of();
            }
            header = List.of();
        }
        for (ServiceSpec s : m.services().values()) {
            List<String> notes = new ArrayList<>(header);
            header = List.of();
            Optional<String> cm = Optional.empty();
            if (!s.envFiles().isEmpty()) {
                String cmName = names.of(s.name()) + "-env";
                docs.add(doc(configMap(s, cmName, names, pods), List.of(
                        "env-file " + String.join(", ", s.envFiles().stream().map(f -> relative(m, f)).toList())
                                + " of " + s.name() + ", read by envFrom (env wins over it, as in devlaunch).",
                        "Values are in plain text: move secrets to a Secret (kubectl create secret generic "
                                + cmName + " --from-env-file=FILE) and use secretRef.")));
                cm = Optional.of(cmName);
            }
            List<String> waited = new ArrayList<>();
            boolean job = OneShot.is(s);
            PodSpec pod = pods.spec(s, job, cm, notes::add, waited::add);
            ObjectMeta meta = meta(names.of(s.name()), names.labels(s.name()), waited);
            if (!waited.isEmpty()) notes.add("init containers wait for " + String.join(", ", waited) + " before " + s.name() + " starts");
            if (job) {
                notes.add(s.name() + " is a one-shot task (restart = no, no port): a Job that runs once");
                docs.add(doc(new JobBuilder().withMetadata(meta).withNewSpec().withBackoffLimit(0)
                        .withNewTemplate().withNewMetadata().withLabels(names.labels(s.name())).endMetadata()
                        .withSpec(pod).endTemplate().endSpec().build(), notes));
                continue;
            }
            if (s.restart() != ServiceSpec.DEFAULT_RESTART) {
                notes.add("restart = " + s.restart().key() + ": a Deployment always restarts its container");
            }
            docs.add(doc(new DeploymentBuilder().withMetadata(meta).withNewSpec().withReplicas(1)
                    .withNewSelector().withMatchLabels(names.labels(s.name())).endSelector()
                    .withNewTemplate().withNewMetadata().withLabels(names.labels(s.name())).endMetadata()
                    .withSpec(pod).endTemplate().endSpec().build(), notes));
            if (!s.ports().isEmpty()) docs.add(doc(service(s, names), List.of()));
        }
        return docs;
    }

    private static List<String> header(Manifest m, Names names) {
        List<String> h = new ArrayList<>();
        h.add("Generated by `devlaunch export kubernetes` from " + m.file().getFileName() + " (project " + m.project()
                + "). Apply: kubectl apply -f FILE-OR-DIR");
        h.add("Objects are named after the services, so http://db:5432 reaches the service db; loopback URLs to another"
                + " service's port are rewritten to it. In a container a service must listen on 0.0.0.0, not 127.0.0.1.");
        h.add("workingDir: each service's dir under " + Pods.APP_ROOT + " (the project root in the image).");
        List<String> renamed = names.renamed();
        if (!renamed.isEmpty()) h.add("Renamed to Kubernetes names: " + String.join(", ", renamed));
        h.add("");
        return h;
    }

    /** A path as written relative to the project root, so the output is the same on every machine. */
    private static String relative(Manifest m, Path f) {
        Path root = m.root().toAbsolutePath().normalize();
        Path abs = f.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString().replace('\\', '/') : abs.toString();
    }

    private static ObjectMeta meta(String name, Map<String, String> labels, List<String> waited) {
        ObjectMetaBuilder b = new ObjectMetaBuilder().withName(name).withLabels(labels);
        if (!waited.isEmpty()) b.withAnnotations(Map.of(WAITS_FOR, String.join(", ", waited)));
        return b.build();
    }

    private static HasMetadata service(ServiceSpec s, Names names) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(names.of(s.name()))
                .withLabels(names.labels(s.name())).endMetadata();
        var spec = b.withNewSpec().withType("ClusterIP").withSelector(names.labels(s.name()));
        for (int p : s.ports()) {
            spec.addToPorts(new ServicePortBuilder().withName(Pods.PortNames.of(p)).withPort(p)
                    .withTargetPort(new IntOrString(p)).withProtocol("TCP").build());
        }
        return spec.endSpec().build();
    }

    private static HasMetadata configMap(ServiceSpec s, String name, Names names, Pods pods) {
        Map<String, String> data = new LinkedHashMap<>();
        for (Path f : s.envFiles()) {
            try {
                Environment.readDotEnv(f).forEach((k, v) -> data.put(k, pods.rewrite(s.name(), v)));
            } catch (Environment.EnvFileException e) {
                throw DevLaunchException.badInput("export kubernetes: " + e.getMessage());
            }
        }
        return new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(names.labels(s.name())).endMetadata()
                .withData(new TreeMap<>(data)).build();
    }

    private static KubernetesDocument doc(HasMetadata o, List<String> comments) {
        return new KubernetesDocument(o.getKind(), o.getMetadata().getName(), comments, Yaml.of(o));
    }
}
