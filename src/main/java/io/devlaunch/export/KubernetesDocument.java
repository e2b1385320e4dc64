package io.devlaunch.export;

import java.util.List;
import java.util.Locale;

/**
 * One Kubernetes object of an export: its kind and name, the YAML of the object, and comment lines
 * that say what the export chose or changed for it (written above the object, never inside it).
 */
public record KubernetesDocument(String kind, String name, List<String> comments, String yaml) {

    public KubernetesDocument {
        comments = List.copyOf(comments);
        if (!yaml.endsWith("\n")) yaml = yaml + "\n";
    }

    /** {@code NAME-KIND.yaml}, e.g. {@code db-deployment.yaml}: unique, since a name is unique per kind. */
    public String fileName() {
        return name + "-" + kind.toLowerCase(Locale.ROOT) + ".yaml";
    }

    /** The comments as {@code # } lines (each one line of printable text, whatever a manifest value held), then the object. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String c : comments) sb.append(c.isEmpty() ? "#" : "# " + YamlText.comment(c)).append('\n');
        return sb.append(yaml).toString();
    }
}
