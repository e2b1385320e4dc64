package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.testing.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export kubernetes} from the packaged jar — which loads the Kubernetes model from
 * target/lib/ through its own class loader — and its output validated against the Kubernetes
 * OpenAPI schema by the npm package kubernetes-models. {@code .ci/run} installs it into
 * {@value #SCHEMA_DIR}; elsewhere the schema check is skipped, saying how to install it.
 */
@Timeout(120)
class KubernetesExportIT {
    static final String SCHEMA_DIR = "target/k8s-schema";
    private static final String INSTALL = "npm install --prefix " + SCHEMA_DIR + " kubernetes-models@5.1.0 yaml@2"
            + " (apt-get install -y nodejs npm)";

    @TempDir
    Path dir;

    @Test
    void writesOneFilePerObjectThatTheKubernetesSchemaAccepts() throws Exception {
        Path root = ExportFixture.copy("shop", dir);
        JarRun.Result r = JarRun.run(root, "export", "kubernetes", "-o", "k8s");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().contains("wrote 11 files to k8s/") && r.out().contains("kubectl apply -f k8s"), r.out());
        List<Path> files;
        try (Stream<Path> s = Files.list(root.resolve("k8s"))) {
            files = s.sorted().toList();
        }
        assertEquals(11, files.size(), files.toString());

        JarRun.Result stream = JarRun.run(root, "export", "kubernetes");
        assertEquals(0, stream.code(), stream.out());
        assertEquals(Files.readString(root.resolve("k8s/backend-deployment.yaml")).strip(),
                between(stream.out(), "name: backend-env", "kind: Deployment", "name: backend\n"),
                "the stream holds the same objects as the files");

        Path validator = validator();
        ValidatorRun ok = validate(validator, files);
        assertEquals(0, ok.code(), ok.out());
        assertTrue(ok.out().contains("11 objects, 0 invalid"), ok.out());

        // The validator can fail: a number where the schema wants a string is refused.
        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(root.resolve("k8s/backend-deployment.yaml")).replace("- \"8000\"", "- 8000"));
        ValidatorRun no = validate(validator, List.of(broken));
        assertEquals(1, no.code(), no.out());
        assertTrue(no.out().contains("must be string"), no.out());
    }

    @Test
    void servicesWithoutAnImageExit2AndAJarWithoutItsLibFolderSaysWhatToDo() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = "serve", port = 8000 }, web { command = "web" } }
                """);
        JarRun.Result r = JarRun.run(dir, "export", "kubernetes");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.out().contains("api (") && r.out().contains("web ("), r.out());

        Path alone = dir.resolve("alone");
        Files.createDirectories(alone);
        Files.copy(Path.of("target/devlaunch.jar"), alone.resolve("devlaunch.jar"), StandardCopyOption.REPLACE_EXISTING);
        TestFiles.write(dir.resolve("launcher.conf"), """
                services { api { command = "serve", port = 8000, image = "api:1" } }
                """);
        Process p = new ProcessBuilder(Fixtures.javaBin(), "-jar", alone.resolve("devlaunch.jar").toString(), "export", "kubernetes")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("Kubernetes model jars in " + alone.resolve("lib")) && out.contains("mvn -B -DskipTests package"), out);
        JarRun.Result status = JarRun.run(dir, "check");
        assertTrue(status.code() <= 1, "other commands do not need lib/: " + status.out());
    }

    /** The document of {@code out} that contains {@code marker} after {@code after}. */
    private static String between(String out, String after, String kind, String marker) {
        String[] docs = out.substring(out.indexOf(after)).split("\n---\n");
        for (String d : docs) if (d.contains(kind) && d.contains(marker)) return d.strip();
        throw new AssertionError("no " + kind + " with " + marker + " in\n" + out);
    }

    /** The node script beside the installed modules (ES modules resolve from the script's folder). */
    private static Path validator() throws IOException {
        Tools.need("node", "nodejs");
        Path modules = Path.of(SCHEMA_DIR, "node_modules", "kubernetes-models", "package.json");
        if (!Files.exists(modules)) {
            Tools.missing("no " + modules + " for the Kubernetes OpenAPI schema check; install: " + INSTALL);
        }
        Path script = Path.of(SCHEMA_DIR, "validate-kubernetes.mjs");
        try (InputStream in = KubernetesExportIT.class.getResourceAsStream("validate-kubernetes.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    record ValidatorRun(int code, String out) {}

    private static ValidatorRun validate(Path script, List<Path> files) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", script.toAbsolutePath().toString()));
        for (Path f : files) cmd.add(f.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the validator did not end:\n" + out);
        return new ValidatorRun(p.exitValue(), out);
    }
}
