package io.devlaunch.export.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.export.ExportFixture;
import io.devlaunch.export.KubernetesDocument;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each exported object read back into the fabric8 model of its kind: it must land in the model's
 * typed fields (no unknown keys kept aside), keep its values, and write back as the same YAML.
 */
class ModelRoundTripTest {
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "Job", Job.class, "ConfigMap", ConfigMap.class,
            "ServiceAccount", ServiceAccount.class, "Role", Role.class, "RoleBinding", RoleBinding.class);

    @TempDir
    Path dir;

    private List<KubernetesDocument> shop() {
        return new Fabric8Renderer().render(ExportFixture.load(ExportFixture.copy("shop", dir)));
    }

    @Test
    void everyObjectReadsBackIntoItsModelAndWritesTheSameYaml() throws Exception {
        List<KubernetesDocument> docs = shop();
        assertEquals(11, docs.size());
        for (KubernetesDocument d : docs) {
            Class<? extends HasMetadata> type = KINDS.get(d.kind());
            assertTrue(type != null, "unexpected kind " + d.kind());
            HasMetadata back = Yaml.MAPPER.readValue(d.text(), type);
            assertEquals(d.kind(), back.getKind());
            assertEquals(d.name(), back.getMetadata().getName());
            assertEquals(d.yaml(), Yaml.of(back), "round trip of " + d.fileName());
            assertNoUnknownFields(back, d.fileName());
        }
    }

    @Test
    void theBackendsFieldsAreTheModelsTypedFields() throws Exception {
        KubernetesDocument d = shop().stream().filter(x -> x.fileName().equals("backend-deployment.yaml")).findFirst().orElseThrow();
        Deployment dep = Yaml.MAPPER.readValue(d.text(), Deployment.class);
        var pod = dep.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertEquals(1, dep.getSpec().getReplicas());
        assertEquals("shop-backend:dev", c.getImage());
        assertEquals("/health", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals(8000, c.getLivenessProbe().getHttpGet().getPort().getIntVal());
        assertEquals(12, c.getLivenessProbe().getFailureThreshold());
        assertEquals(List.of("wait-for-db", "wait-for-migrate", "before-start"),
                pod.getInitContainers().stream().map(Container::getName).toList());
        assertEquals(10L, pod.getTerminationGracePeriodSeconds());
        assertEquals("backend-env", c.getEnvFrom().get(0).getConfigMapRef().getName());
    }

    /** The model keeps keys it does not know in additionalProperties: a typo'd field would land there. */
    private static void assertNoUnknownFields(HasMetadata o, String file) throws ReflectiveOperationException {
        Object extra = o.getClass().getMethod("getAdditionalProperties").invoke(o);
        assertTrue(extra == null || ((Map<?, ?>) extra).isEmpty(), file + ": " + extra);
        if (o instanceof Deployment dep) {
            for (Container c : dep.getSpec().getTemplate().getSpec().getContainers()) {
                assertTrue(c.getAdditionalProperties().isEmpty(), file + ": " + c.getAdditionalProperties());
            }
        }
    }

    @Test
    void timingFollowsTheHealthTimeout() {
        assertEquals(new Timing(5, 5, 3, 12), Timing.of(java.time.Duration.ofSeconds(60)));
        assertEquals(new Timing(1, 1, 3, 5), Timing.of(java.time.Duration.ofSeconds(5)));
        assertEquals(new Timing(10, 5, 3, 30), Timing.of(java.time.Duration.ofMinutes(5)));
        assertEquals(2, Timing.seconds(java.time.Duration.ofMillis(1500)));
    }

    @Test
    void namesBecomeDnsLabels() {
        assertEquals("api-server", Names.dnsLabel("API_server"));
        assertEquals("s-1worker", Names.dnsLabel("1worker"));
        assertEquals("My-Shop", Names.labelValue("My Shop"));
    }

}
