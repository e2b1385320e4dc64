package io.devlaunch.export;

import io.devlaunch.manifest.Manifest;
import java.util.List;

/**
 * Builds the Kubernetes objects for a manifest. The implementation uses the fabric8 model, which is
 * not in devlaunch.jar: {@link KubernetesModelLoader} finds it, so only this interface and the
 * manifest types cross between the two class loaders.
 */
public interface KubernetesRenderer {
    /** The objects in apply order: access rules, config maps, then per service its workload and Service. */
    List<KubernetesDocument> render(Manifest manifest);
}
