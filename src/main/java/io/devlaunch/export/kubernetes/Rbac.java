package io.devlaunch.export.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;
import java.util.List;

/**
 * The least access {@code kubectl wait job/NAME} needs (see {@link Waits}): a ServiceAccount that may
 * get, list and watch Jobs in its own namespace, and nothing else. Emitted only when some service
 * waits on a Job.
 */
final class Rbac {
    static final String SUFFIX = "job-waiter";

    private Rbac() {}

    static List<HasMetadata> objects(Names names) {
        String n = names.projectObject(SUFFIX);
        var labels = java.util.Map.of(Names.PART_OF_LABEL, names.project());
        return List.of(
                new ServiceAccountBuilder().withNewMetadata().withName(n).withLabels(labels).endMetadata().build(),
                new RoleBuilder().withNewMetadata().withName(n).withLabels(labels).endMetadata()
                        .withRules(new PolicyRuleBuilder().withApiGroups("batch").withResources("jobs")
                                .withVerbs("get", "list", "watch").build()).build(),
                new RoleBindingBuilder().withNewMetadata().withName(n).withLabels(labels).endMetadata()
                        .withSubjects(new SubjectBuilder().withKind("ServiceAccount").withName(n).build())
                        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(n)
                        .endRoleRef().build());
    }
}
