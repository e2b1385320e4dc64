package io.devlaunch.export.kubernetes;

import io.devlaunch.DevLaunchException;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Kubernetes names for the services. A Service name is a DNS label (lower-case letters, digits and
 * '-', starting with a letter), and it is the host name the other services use, so every object of
 * a service is named after it: {@code db} → Deployment, Service and container {@code db}. devlaunch
 * also allows upper case and '_': those are lower-cased and '_' becomes '-', and the change is said.
 */
final class Names {
    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PART_OF_LABEL = "app.kubernetes.io/part-of";
    private static final int MAX = 63;

    private final Map<String, String> byService;
    private final String project;

    private Names(Map<String, String> byService, String project) {
        this.byService = byService;
        this.project = project;
    }

    /** Exit 2 when two services would get the same name. */
    static Names of(Manifest m) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> taken = new LinkedHashMap<>();
        for (ServiceSpec s : m.services().values()) {
            String k = dnsLabel(s.name());
            String other = taken.putIfAbsent(k, s.name());
            if (other != null) {
                throw DevLaunchException.badInput("export kubernetes: services '" + other + "' and '" + s.name()
                        + "' would both be named '" + k + "' (Kubernetes names are lower case, '_' becomes '-');"
                        + " rename one in " + s.location());
            }
            out.put(s.name(), k);
        }
        return new Names(out, labelValue(m.project()));
    }

    String of(String service) {
        return byService.get(service);
    }

    /** The services whose Kubernetes name differs from their devlaunch name. */
    List<String> renamed() {
        return byService.entrySet().stream().filter(e -> !e.getKey().equals(e.getValue()))
                .map(e -> e.getKey() + " → " + e.getValue()).toList();
    }

    /** The {@code app.kubernetes.io/part-of} value. */
    String project() {
        return project;
    }

    /** The labels of a service's objects; also its pods' selector. */
    Map<String, String> labels(String service) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(NAME_LABEL, of(service));
        l.put(PART_OF_LABEL, project);
        return l;
    }

    /** The name of a project-wide object ({@code PROJECT-SUFFIX}), a DNS label too. */
    String projectObject(String suffix) {
        String p = dnsLabel(project);
        return trim(p + "-" + suffix);
    }

    static String dnsLabel(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (n.isEmpty() || !Character.isLetter(n.charAt(0))) n = "s-" + n;
        return trim(n);
    }

    private static String trim(String n) {
        if (n.length() > MAX) n = n.substring(0, MAX);
        while (n.endsWith("-")) n = n.substring(0, n.length() - 1);
        return n;
    }

    /** A label value: letters, digits, '-', '_', '.', at most 63, starting and ending alphanumeric. */
    static String labelValue(String v) {
        String n = v.replaceAll("[^A-Za-z0-9._-]", "-");
        if (n.length() > MAX) n = n.substring(0, MAX);
        n = n.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return n.isEmpty() ? "devlaunch" : n;
    }
}
