package io.devlaunch.export;

import io.devlaunch.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code export kubernetes}: the manifest as Kubernetes objects (see {@code Fabric8Renderer} for the
 * mapping). Without {@code -o} they are one multi-document YAML stream; with {@code -o DIR} one
 * file per object, {@code NAME-KIND.yaml}, so a diff or a review shows one object at a time and
 * {@code kubectl apply -f DIR} applies them all.
 */
public final class KubernetesExport {
    private final List<KubernetesDocument> documents;

    /** Exit 2 naming every service without an image; the model is loaded here, only for this export. */
    public KubernetesExport(Manifest manifest) {
        this.documents = KubernetesModelLoader.renderer().render(manifest);
    }

    public List<KubernetesDocument> documents() {
        return documents;
    }

    /** All objects as one YAML stream, {@code ---} between documents. */
    public String stream() {
        StringBuilder sb = new StringBuilder();
        for (KubernetesDocument d : documents) {
            if (sb.length() > 0) sb.append("---\n");
            sb.append(d.text());
        }
        return sb.toString();
    }

    /** File name → text, in apply order. */
    public Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (KubernetesDocument d : documents) out.put(d.fileName(), d.text());
        return out;
    }
}
