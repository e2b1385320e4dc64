package io.devlaunch.init;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the project already has → launcher.conf text and a report. A pure function of the project's
 * files: it reads a few, starts nothing, writes nothing.
 */
public final class Importer {
    private Importer() {}

    /** Looked for in this order: a dev Procfile beats the production one, any Procfile beats package.json. */
    static final List<String> PROCFILES = List.of("Procfile.dev", "Procfile");

    /**
     * @param text     the manifest to write
     * @param found    what was read (file, services)
     * @param guessed  what was inferred, per service
     * @param review   what to look at
     */
    public record Result(String text, List<String> services, String found, List<String> guessed, List<String> review) {}

    /**
     * @return the result, or empty with {@code lookedFor} saying what was missing or unusable
     */
    public static Optional<Result> run(Path projectRoot, List<String> lookedFor) {
        ProjectFiles files = new ProjectFiles(projectRoot);
        Draft draft = null;
        List<String> skipped = new ArrayList<>();
        for (String name : PROCFILES) {
            Optional<String> text = files.read(name);
            if (text.isEmpty()) continue;
            Draft d = ProcfileImport.read(files, name, text.get());
            if (d.services.isEmpty()) {
                lookedFor.add(name + " has no `name: command` lines");
                continue;
            }
            if (draft == null) draft = d;
            else skipped.add(name + " (" + String.join(", ", d.services.stream().map(x -> x.name).toList()) + ")");
        }
        if (draft == null) {
            if (lookedFor.isEmpty()) lookedFor.add("no Procfile.dev or Procfile");
            Optional<String> json = files.read("package.json");
            if (json.isEmpty()) {
                lookedFor.add("no package.json");
            } else {
                try {
                    draft = PackageJsonImport.read(files, PackageJson.parse(json.get(), "package.json"), lookedFor).orElse(null);
                } catch (IllegalArgumentException e) {
                    lookedFor.add(e.getMessage());
                }
            }
        } else {
            usablePackageJson(files).ifPresent(skipped::add);
        }
        if (draft == null) return Optional.empty();
        for (String s : skipped) draft.review.add(s + " was not used: " + draft.source + " comes first; add what it runs by hand if you need it");
        Imports.oneOwnerPerPort(draft);
        Imports.dependencies(draft, files);
        return Optional.of(result(draft));
    }

    /** "package.json (api, web)" when its scripts would have made services too. */
    private static Optional<String> usablePackageJson(ProjectFiles files) {
        return files.read("package.json").flatMap(json -> {
            try {
                return PackageJsonImport.read(files, PackageJson.parse(json, "package.json"), new ArrayList<>());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }).map(d -> "package.json (" + String.join(", ", d.services.stream().map(x -> x.name).toList()) + ")");
    }

    private static Result result(Draft d) {
        List<String> names = d.services.stream().map(s -> s.name).toList();
        List<String> guessed = new ArrayList<>();
        List<String> review = new ArrayList<>(d.review);
        for (DraftService s : d.services) {
            List<String> parts = new ArrayList<>();
            if (s.port != null) parts.add("port " + s.port + " (" + s.portWhy + ")");
            if (s.port != null && s.healthPath != null) parts.add("health GET http://localhost:" + s.port + s.healthPath);
            else if (s.port != null) parts.add("health: TCP connect to " + s.port);
            if (!s.dependsOn.isEmpty()) parts.add("starts after " + String.join(", ", s.dependsOn) + " (" + String.join("; ", s.dependsWhy) + ")");
            if (s.restart != null) parts.add("restart = " + s.restart + " (" + s.restartWhy + ")");
            if (!parts.isEmpty()) guessed.add(s.name + ": " + String.join("; ", parts));
            review.addAll(s.review);
        }
        if (d.envFile != null) guessed.add("env-file = " + d.envFile + " for every service (" + d.envFileWhy + ")");
        return new Result(ManifestWriter.render(d), names, d.source + ": " + d.summary, guessed, review);
    }
}
