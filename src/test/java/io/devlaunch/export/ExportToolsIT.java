package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.json.Json;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the packaged jar exports, checked by the platforms' own tools: {@code docker-compose config}
 * (Debian's docker-compose 1.29, which validates without a Docker engine) and
 * {@code systemd-analyze verify --user} (which needs no running systemd, only a runtime folder).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ExportToolsIT {
    @TempDir
    Path dir;

    /** Values that trip hand-written YAML and unit files. */
    private static final Map<String, String> AWKWARD = awkward();

    private static Map<String, String> awkward() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("QUOTES", "say \"hi\" and 'bye'");
        m.put("DOLLARS", "$HOME ${X} $$");
        m.put("PERCENT", "100% %h %%");
        m.put("LINES", "one\ntwo\n");
        m.put("SPACES", "  padded  ");
        m.put("YAMLISH", "no");
        m.put("NUMBER", "010");
        m.put("HASH", "#not a comment: really");
        m.put("BACKSLASH", "C:\\dir\\n");
        m.put("UNICODE", "héllo ✓");
        return m;
    }

    private static String hocon(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** In a folder whose name has a space and a {@code %}: both reach paths in the units. */
    private Path awkwardProject() {
        Path root = dir.resolve("my 100% project");
        StringBuilder env = new StringBuilder();
        AWKWARD.forEach((k, v) -> env.append("      ").append(k).append(" = ").append(hocon(v)).append('\n'));
        TestFiles.write(root.resolve("app/.env"), "FROM_FILE=1\n");
        TestFiles.write(root.resolve("app/bin/serve"), "#!/bin/sh\n");
        TestFiles.write(root.resolve("launcher.conf"), """
                project = "odd 100%"
                defaults { image = "alpine:3" }
                services {
                  edge {
                    command = ["sh", "-c", "echo \\"$1\\" 100%", "x", "a b"]
                    dir = "app"
                    env-file = "app/.env"
                    before-start = ["echo 'before' && true", ["true", "$HOME"]]
                    health.command = "test -n \\"$HOME\\""
                    env {
                """ + env + """
                    }
                  }
                  later { command = "echo done; exit 0", depends-on = [edge], restart = no }
                  local { command = ["./bin/serve", "--flag"], dir = "app" }
                }
                """);
        try {
            Files.setPosixFilePermissions(root.resolve("app/bin/serve"), PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return root;
    }

    private record Run(int code, String out, String err) {}

    /** {@code cmd} with {@code env} added to this environment; a variable given as "" is removed. */
    private static Run run(Path cwd, Map<String, String> env, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        env.forEach((k, v) -> {
            if (v.isEmpty()) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        Path out = Files.createTempFile(cwd, "out", ".txt");
        Path err = Files.createTempFile(cwd, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(cmd + " did not end within 60 s");
        }
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private static void export(Path root, String... args) throws Exception {
        JarRun.Result r = JarRun.run(root, args);
        assertEquals(0, r.code(), "devlaunch " + String.join(" ", args) + ":\n" + r.out());
    }

    @Test
    void theShopComposeFileIsValidForDockerCompose() throws Exception {
        Path compose = Tools.need("docker-compose", "docker-compose");
        Path root = ExportFixture.copy("shop", dir);
        export(root, "export", "compose", "-o", "compose.yaml");
        Run check = run(root, Map.of(), List.of(compose.toString(), "-f", "compose.yaml", "config", "-q"));
        assertEquals(0, check.code(), check.err() + Files.readString(root.resolve("compose.yaml")));
        assertEquals("", check.err().strip(), "docker-compose warned");
    }

    @Test
    void awkwardValuesReachDockerComposeAsWritten() throws Exception {
        Path compose = Tools.need("docker-compose", "docker-compose");
        Path python = Tools.need("python3", "python3-yaml");
        Path root = awkwardProject();
        export(root, "export", "compose", "-o", "compose.yaml");
        Run config = run(root, Map.of(), List.of(compose.toString(), "-f", "compose.yaml", "config"));
        assertEquals(0, config.code(), config.err() + Files.readString(root.resolve("compose.yaml")));
        Files.writeString(root.resolve("config.yaml"), config.out());
        // docker-compose config keeps $$ as written (the container sees $): compare with $ doubled.
        Map<String, Object> expected = new LinkedHashMap<>();
        AWKWARD.forEach((k, v) -> expected.put(k, v.replace("$", "$$")));
        String script = String.join("\n",
                "import json, os, sys, yaml",
                "cfg = yaml.safe_load(open('config.yaml'))",
                "edge = cfg['services']['edge']",
                "want = json.loads(os.environ['EXPECT'])",
                "got = {k: edge['environment'][k] for k in want}",
                "cmd = edge['command']",
                "want_cmd = ['/bin/sh', '-c', \"/bin/sh -c 'echo '\\\\''before'\\\\'' && true' && true '$$HOME' && exec sh -c 'echo \\\"$$1\\\" 100%' x 'a b'\"]",
                "ok = got == want and cmd == want_cmd and cfg['services']['later']['depends_on']['edge']['condition'] == 'service_healthy'",
                "print(json.dumps({'got': got, 'cmd': cmd}))",
                "sys.exit(0 if ok else 1)");
        Run py = run(root, Map.of("EXPECT", Json.render(expected)), List.of(python.toString(), "-c", script));
        assertEquals(0, py.code(), "expected " + Json.render(expected) + "\n" + py.out() + py.err());
    }

    @Test
    void theSystemdUnitsVerify() throws Exception {
        Path analyze = Tools.need("systemd-analyze", "systemd");
        Path root = ExportFixture.copy("shop", dir);
        export(root, "export", "systemd", "-o", "units");
        verify(analyze, root.resolve("units"));
    }

    /**
     * The check export prints is run as printed, by /bin/sh in the project: in a plain shell without XDG_RUNTIME_DIR
     * (ssh, su, a container), where {@code systemd-analyze verify --user} fails, and in a login session that has one.
     */
    @Test
    void thePrintedCheckPassesInAPlainShell() throws Exception {
        Tools.need("systemd-analyze", "systemd");
        Path root = ExportFixture.copy("shop", dir);
        JarRun.Result export = JarRun.run(root, "export", "systemd", "-o", "units");
        assertEquals(0, export.code(), export.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("check: ([^;\n]+);").matcher(export.out());
        assertTrue(m.find(), export.out());
        String check = m.group(1);
        Path runtime = Files.createDirectories(dir.resolve("xdg-runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        for (String xdg : List.of("", runtime.toString())) {
            Run r = run(root, Map.of("XDG_RUNTIME_DIR", xdg), List.of("/bin/sh", "-c", check));
            assertEquals(0, r.code(), "XDG_RUNTIME_DIR=" + xdg + " " + check + "\n" + r.out() + r.err());
            assertEquals("", (r.out() + r.err()).strip(), check);
        }
    }

    @Test
    void awkwardValuesMakeValidUnits() throws Exception {
        Path analyze = Tools.need("systemd-analyze", "systemd");
        Path root = awkwardProject();
        export(root, "export", "systemd", "-o", "units");
        String edge = Files.readString(root.resolve("units/edge.service"));
        assertTrue(edge.contains("Environment=\"PERCENT=100%% %%h %%%%\""), edge);
        assertTrue(edge.contains("WorkingDirectory=" + root.toString().replace("%", "%%") + "/app\n"), edge);
        String local = Files.readString(root.resolve("units/local.service"));
        assertTrue(local.contains("ExecStart=\"" + root.toString().replace("%", "%%") + "/app/bin/serve\" --flag\n"), local);
        verify(analyze, root.resolve("units"));
    }

    /** Manifest text with NEL, C0 controls and a newline ends up in comments and Description=: no reader may see a new line. */
    private Path lineBreakProject() {
        Path root = dir.resolve("breaks");
        TestFiles.write(root.resolve("launcher.conf"), """
                project = "p\\u0085q: [\\nExecStartPre=/bin/false"
                defaults { image = "alpine:3" }
                services {
                  api { command = ["sh", "-c", "true"], port = 8000 }
                  web { command = ["sh", "-c", "true"], env { API = "http://127.0.0.1:8000/\\u0085bad: [\\u0007\\u001b" } }
                }
                """);
        return root;
    }

    @Test
    void lineBreaksInManifestTextAreNoneForDockerCompose() throws Exception {
        Path compose = Tools.need("docker-compose", "docker-compose");
        Path root = lineBreakProject();
        export(root, "export", "compose", "-o", "compose.yaml");
        String yaml = Files.readString(root.resolve("compose.yaml"));
        assertTrue(yaml.contains("# was http://127.0.0.1:8000/ bad: [ : inside the stack"), yaml);
        Run check = run(root, Map.of(), List.of(compose.toString(), "-f", "compose.yaml", "config", "-q"));
        assertEquals(0, check.code(), check.err() + yaml);
        assertEquals("", check.err().strip(), "docker-compose warned");
    }

    @Test
    void lineBreaksInManifestTextAreNoneForSystemd() throws Exception {
        Path analyze = Tools.need("systemd-analyze", "systemd");
        Path root = lineBreakProject();
        export(root, "export", "systemd", "-o", "units");
        String api = Files.readString(root.resolve("units/api.service"));
        assertTrue(api.contains("\nDescription=p q: [ ExecStartPre=/bin/false: api\n"), api);
        verify(analyze, root.resolve("units"));
    }

    /** Exit 0 and nothing said: systemd-analyze reports a line it could not parse ("…, ignoring") and still exits 0. */
    private void verify(Path analyze, Path units) throws Exception {
        Path runtime = Files.createDirectories(dir.resolve("xdg-runtime"));
        Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no", "--user"));
        try (Stream<Path> files = Files.list(units)) {
            files.sorted().forEach(f -> cmd.add(f.toString()));
        }
        Run r = run(dir, Map.of("XDG_RUNTIME_DIR", runtime.toString()), cmd);
        assertEquals(0, r.code(), String.join(" ", cmd) + "\n" + r.out() + r.err());
        assertEquals("", (r.out() + r.err()).strip(), "systemd-analyze warned about the units");
    }
}
