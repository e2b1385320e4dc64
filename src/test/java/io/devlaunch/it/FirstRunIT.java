package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.HealthSpec;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.ports.LinuxPortOwners;
import io.devlaunch.process.ProcFs;
import io.devlaunch.testing.Fixtures;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.ResourceTree;
import io.devlaunch.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Projects as a new user meets them (src/test/resources/init/heroku-node, heroku-python, cra-gunicorn), each
 * through {@code init} → {@code check} → {@code up -d} → requests → {@code down}, with nothing left running.
 * Their fixed ports (5006, 3000, 5000 — taken on a busy machine) are swapped for free ones first, in the
 * project's own files or in the vars init wrote, as a user would.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class FirstRunIT {
    private static final Pattern SUPERVISOR_PID = Pattern.compile("running in the background \\(PID (\\d+)\\)");
    private static final Pattern SERVICE_PID = Pattern.compile("; PID (\\d+)\\)");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A test that fails half-way must not leave its background supervisor running. */
    @AfterEach
    void downWhateverIsLeft() throws Exception {
        JarRun.run(dir, "down");
    }

    @Test
    void herokuNodeWebProcess() throws Exception {
        Tools.need("node", "nodejs");
        int port = Fixtures.freePort();
        ResourceTree.copy("/init/heroku-node", dir);
        replace(dir.resolve("index.js"), "process.env.PORT || 5006", "process.env.PORT || " + port);

        String init = devlaunch("init");
        assertTrue(init.contains("wrote launcher.conf with 1 service: web"), init);
        ServiceSpec web = manifest().services().get("web");
        assertEquals(List.of(port), web.ports(), "index.js falls back to it\n" + conf());
        assertEquals(String.valueOf(port), web.env().get("PORT"), "the web process is told its port through PORT");
        assertEquals(HealthSpec.Kind.TCP, web.health().orElseThrow().kind());
        assertTrue(conf().contains("process.env.PORT || " + port + " in index.js"), conf());

        String check = devlaunch("check");
        exportsPassTheirTools();
        assertTrue(check.contains("node found at"), check);
        Up up = up(List.of(port));
        assertTrue(flat(up.out()).contains("web healthy"), up.out());
        assertEquals(200, get(port, "/", "text/html").statusCode());
        assertTrue(get(port, "/", "text/html").body().contains("Getting started with Node"));
        down(up, List.of(port));
    }

    @Test
    void herokuPythonWebAndWorkerWithGunicornInTheVirtualenv() throws Exception {
        Tools.need("python3", "python3");
        ResourceTree.copy("/init/heroku-python", dir);

        String init = devlaunch("init");
        assertTrue(init.contains("wrote launcher.conf with 2 services: web, worker"), init);
        assertTrue(init.contains("web: runs .venv/bin/gunicorn from the project's own environment"), init);
        // gunicorn binds $PORT: foreman's 5000 goes under vars, and one edit there moves the service.
        String text = conf();
        assertTrue(text.contains("web-port = 5000"), text);
        int port = Fixtures.freePort();
        Files.writeString(dir.resolve("launcher.conf"), text.replace("web-port = 5000", "web-port = " + port));
        Manifest m = manifest();
        ServiceSpec web = m.services().get("web");
        assertEquals(".venv/bin/gunicorn app:application --log-file -", web.command().shellLine());
        assertEquals(List.of(port), web.ports(), conf());
        assertEquals(HealthSpec.Kind.TCP, web.health().orElseThrow().kind());
        assertEquals(List.of(), m.services().get("worker").ports(), "nothing routes to a worker");

        String check = devlaunch("check");
        exportsPassTheirTools();
        assertTrue(check.contains(".venv/bin/gunicorn found at .venv/bin/gunicorn"), check);
        Up up = up(List.of(port));
        assertTrue(flat(up.out()).contains("web healthy") && flat(up.out()).contains("worker healthy"), up.out());
        HttpResponse<String> r = get(port, "/", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"greeting\": \"hello from .env\""), "init wrote env-file = .env, as foreman loads it\n" + r.body());
        down(up, List.of(port));
    }

    @Test
    void procfileDevWithCreateReactAppProxyingToAGunicornApi() throws Exception {
        Tools.need("python3", "python3");
        Tools.need("node", "nodejs");
        Tools.need("npm", "npm");
        int webPort = Fixtures.freePort();
        int apiPort = Fixtures.freePort();
        ResourceTree.copy("/init/cra-gunicorn", dir);
        replace(dir.resolve("Procfile.dev"), "PORT=3000", "PORT=" + webPort);
        replace(dir.resolve("Procfile.dev"), "127.0.0.1:5000", "127.0.0.1:" + apiPort);
        replace(dir.resolve("client/package.json"), "localhost:5000", "localhost:" + apiPort);

        String init = devlaunch("init");
        assertTrue(init.contains("wrote launcher.conf with 2 services: web, api"), init);
        Manifest m = manifest();
        ServiceSpec web = m.services().get("web");
        ServiceSpec api = m.services().get("api");
        assertEquals(List.of(webPort), web.ports(), conf());
        assertEquals("http://localhost:" + webPort + "/", web.health().orElseThrow().target(), "react-scripts serves index.html at /");
        assertEquals(List.of("api"), web.dependsOn(), "client/package.json's proxy names the api's port\n" + conf());
        assertTrue(conf().contains("client/package.json \"proxy\" names localhost:" + apiPort + ", which api owns"), conf());
        assertEquals(List.of(apiPort), api.ports(), conf());
        assertEquals(List.of(), api.dependsOn());
        assertEquals(".venv/bin/gunicorn -b 127.0.0.1:" + apiPort + " api:app", api.command().shellLine());

        String check = devlaunch("check");
        exportsPassTheirTools();
        assertTrue(check.contains("start order: api → web"), check);
        Up up = up(List.of(webPort, apiPort));
        String out = flat(up.out());
        assertTrue(out.indexOf("api healthy") >= 0 && out.indexOf("api healthy") < out.indexOf("web starting"), "web waits for api\n" + up.out());
        assertTrue(out.contains("GET http://localhost:" + webPort + "/ → 200"), up.out());
        assertTrue(get(webPort, "/", "text/html").body().contains("<div id=\"root\">"));
        HttpResponse<String> notes = get(webPort, "/api/notes", "application/json");
        assertEquals(200, notes.statusCode(), "through the dev server's proxy to the api\n" + notes.body());
        assertTrue(notes.body().contains("call the API"), notes.body());
        down(up, List.of(webPort, apiPort));
    }

    /** {@code up -d}'s output and every PID it named: the supervisor's and each service's. */
    private record Up(String out, List<Long> pids) {}

    private Up up(List<Integer> ports) throws Exception {
        JarRun.Result up = JarRun.run(dir, "up", "--detach");
        assertEquals(0, up.code(), up.out());
        List<Long> pids = new ArrayList<>();
        for (Pattern p : List.of(SUPERVISOR_PID, SERVICE_PID)) {
            Matcher m = p.matcher(up.out());
            while (m.find()) pids.add(Long.parseLong(m.group(1)));
        }
        assertTrue(pids.size() > 1, up.out());
        assertTrue(processesIn(dir).size() >= pids.size(), "the check after down sees what runs: " + processesIn(dir));
        String status = devlaunch("status");
        for (int port : ports) assertTrue(status.contains(String.valueOf(port)), status);
        return new Up(up.out(), pids);
    }

    /** After {@code down}: no PID it named runs, no port is held, and no process works in the project. */
    private void down(Up up, List<Integer> ports) throws Exception {
        String down = devlaunch("down");
        for (long pid : up.pids()) assertTrue(Fixtures.gone(pid), "PID " + pid + " still runs after down\n" + down);
        for (int port : ports) assertEquals(List.of(), new LinuxPortOwners().holders(port), "port " + port);
        assertEquals(List.of(), processesIn(dir), "processes working in the project after down\n" + down);
    }

    /** Every live process whose working folder is the project or under it: services' children included. */
    private static List<String> processesIn(Path project) throws IOException {
        Path root = project.toRealPath();
        ProcFs proc = ProcFs.system();
        List<String> out = new ArrayList<>();
        for (long pid : proc.pids()) {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd"));
                if (cwd.startsWith(root) && !proc.gone(pid)) out.add(pid + " " + proc.read(pid + "/cmdline").orElse("").replace('\0', ' '));
            } catch (IOException e) {
                // it ended while we looked, or is not ours to read
            }
        }
        return out;
    }

    /**
     * Leaving the machine: what init wrote exports to Compose and systemd, and the platforms' own
     * tools accept it (docker-compose config; the systemd-analyze check export prints, as printed).
     */
    private void exportsPassTheirTools() throws Exception {
        Path compose = Tools.need("docker-compose", "docker-compose");
        Tools.need("systemd-analyze", "systemd");
        JarRun.Result noImage = JarRun.run(dir, "export", "compose", "-o", "compose.yml");
        assertEquals(2, noImage.code(), "a container needs an image, which no Procfile names\n" + noImage.out());
        Files.writeString(dir.resolve("launcher.conf"), conf() + "\ndefaults { image = \"debian:12-slim\" }   # what a user adds\n");
        devlaunch("export", "compose", "-o", "compose.yml");
        Tool config = tool(List.of(compose.toString(), "-f", "compose.yml", "config", "-q"));
        assertEquals(0, config.code(), "docker-compose config:\n" + config.out());
        assertEquals("", config.out().strip(), "docker-compose warned");
        String units = devlaunch("export", "systemd", "-o", "units");
        Matcher m = Pattern.compile("check: ([^;\n]+);").matcher(units);
        assertTrue(m.find(), units);
        Tool verify = tool(List.of("/bin/sh", "-c", m.group(1)));
        assertEquals(0, verify.code(), m.group(1) + "\n" + verify.out());
    }

    private record Tool(int code, String out) {}

    private Tool tool(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
        return new Tool(p.exitValue(), out);
    }

    private String devlaunch(String... args) throws Exception {
        JarRun.Result r = JarRun.run(dir, args);
        assertEquals(0, r.code(), "devlaunch " + String.join(" ", args) + "\n" + r.out());
        return r.out();
    }

    private Manifest manifest() throws Exception {
        return ManifestLoader.load(dir.resolve("launcher.conf"));
    }

    private String conf() throws IOException {
        return Files.readString(dir.resolve("launcher.conf"));
    }

    private HttpResponse<String> get(int port, String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The console aligns service names with runs of spaces; assertions read it with one. */
    private static String flat(String out) {
        return out.replaceAll(" {2,}", " ");
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }
}
