package io.devlaunch.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.process.ProcessIdentity;
import io.devlaunch.testing.JarRun;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interactive = true} and {@code devlaunch attach}, with the packaged jar, real services on
 * real pseudo-terminals: pdb driven through a pipe, a prompt answered from a real terminal (tmux),
 * the window size, Ctrl+], a restart followed, and nothing left behind by a stop.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class AttachIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private record Ran(int code, String out, String err) {}

    private Ran attach(String stdin, String... args) throws Exception {
        List<String> argv = new ArrayList<>(JarRun.argv("attach"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "attach ended");
        return new Ran(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Waits until {@code text} shows {@code regex}; a timeout shows the text. */
    private static void awaitShown(java.util.concurrent.Callable<String> text, String regex) {
        Pattern p = Pattern.compile(regex);
        try {
            await().atMost(WAIT).until(() -> p.matcher(text.call()).find());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            String seen;
            try {
                seen = text.call();
            } catch (Exception ex) {
                seen = ex.toString();
            }
            throw new AssertionError(regex + " not shown within " + WAIT + ":\n" + seen, e);
        }
    }

    @Test
    void pdbAnswersThroughAPipeAndTheServiceContinues() throws Exception {
        TestFiles.write(dir.resolve("app.py"), """
                import os, sys, time
                x = 42
                print("on a terminal:", os.isatty(0) and os.isatty(1) and os.isatty(2), flush=True)
                breakpoint()
                print("continued with x =", x, flush=True)
                while True:
                    time.sleep(1)
                """);
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  backend {
                    command = ["python3", "-u", "app.py"]
                    interactive = true
                  }
                  stubborn {
                    command = "trap '' HUP TERM; echo pid=$$; while true; do sleep 1; done"
                    interactive = true
                    stop-timeout = 1s
                  }
                  plain {
                    command = ["sleep", "300"]
                  }
                }
                """);
        JarRun.Running up = JarRun.startInterruptible(dir, "up");
        List<ProcessIdentity> services = new ArrayList<>();
        try {
            awaitShown(up::text, "backend +is waiting for input — devlaunch attach backend");
            awaitShown(up::text, "stubborn +\\| pid=");
            awaitShown(up::text, "backend +\\| on a terminal: True");
            awaitShown(up::text, "backend +\\| \\(Pdb\\) ");      // the prompt it waits at is shown
            services.add(ProcessIdentity.of(JarRun.printed(up.text(), "backend +healthy in .*; PID (\\d+)\\)")).orElseThrow());
            services.add(ProcessIdentity.of(JarRun.printed(up.text(), "stubborn +\\| pid=(\\d+)")).orElseThrow());

            // The dashboard marks it (and shows the command); status --json names the command too.
            Matcher dash = Pattern.compile("dashboard: http://127\\.0\\.0\\.1:(\\d+)/\\?token=([A-Za-z0-9_-]{43})").matcher(up.text());
            assertTrue(dash.find(), up.text());
            java.util.concurrent.Callable<String> api = () -> java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dash.group(1) + "/api/status"))
                            .header("Authorization", "Bearer " + dash.group(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            // backend's row, whatever the order of its keys: interactive, and waiting at pdb's prompt.
            awaitShown(api, "\\{(?=[^}]*\"name\":\"backend\")(?=[^}]*\"attach\":\"devlaunch attach backend\")"
                    + "(?=[^}]*\"waitingForInput\":true)");
            // Its events: backend has no other transition from here on, so a state event for it is the push of "waiting no more".
            List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.net.http.HttpClient.newHttpClient().sendAsync(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + dash.group(1) + "/api/events"))
                            .header("Authorization", "Bearer " + dash.group(2)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofLines()).thenAccept(res -> res.body().forEach(events::add));
            JarRun.Result json = JarRun.run(dir, "status", "--json");
            assertTrue(json.out().contains("\"attach\":\"devlaunch attach backend\""), json.out());

            Ran r = attach("p x\nc\n", "backend");
            assertEquals(0, r.code(), r.err() + r.out());
            assertTrue(r.err().contains("attached to backend (PID " + services.get(0).pid() + ")"), r.err());
            assertTrue(r.out().contains("42\r\n"), "pdb's answer, raw from the terminal\n" + r.out());
            assertTrue(r.out().contains("continued with x = 42"), r.out());
            awaitShown(up::text, "backend +\\| continued with x = 42");
            awaitShown(up::text, "backend +\\| 42");
            awaitShown(api, "\\{\"name\":\"backend\",(?![^}]*\"waitingForInput\")");     // no longer waiting
            awaitShown(() -> String.join("\n", events), "data: \\{\"service\":\"backend\",.*\"row\":\\{(?=[^}]*\"attach\":\"devlaunch attach backend\")(?![^}]*waitingForInput)");
            String log = Files.readString(dir.resolve(".devlaunch/logs/backend.log"));
            for (String s : List.of("on a terminal: True", "(Pdb) ", "42", "continued with x = 42")) assertTrue(log.contains(s), s + " in\n" + log);
            assertTrue(!log.contains("\r"), "lines end at CR LF, no CR is kept\n" + log);

            Ran plain = attach("", "plain");
            assertEquals(2, plain.code(), plain.err());
            assertTrue(plain.err().contains("add `interactive = true` to its block at launcher.conf:11"), plain.err());
            Ran unknown = attach("", "bakend");
            assertEquals(2, unknown.code(), unknown.err());
            assertTrue(unknown.err().contains("did you mean 'backend'?"), unknown.err());

            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(up.process().pid())).start().waitFor());
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), "up ends after Ctrl+C\n" + up.text());
            await().atMost(Duration.ofSeconds(5)).until(() -> services.stream().allMatch(p -> p.live().isEmpty()));
        } finally {
            if (up.process().isAlive()) up.process().destroyForcibly();
            services.forEach(p -> p.live().ifPresent(ProcessHandle::destroyForcibly));
        }
        Ran none = attach("", "backend");
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains("no devlaunch supervisor is running"), none.err());
    }

    @Test
    void aRealTerminalAnswersAPromptSendsItsSizeFollowsARestartAndDetaches() throws Exception {
        Path tmux = Tools.need("tmux", "tmux");
        TestFiles.write(dir.resolve("app.py"), """
                import os, subprocess
                print("pid", os.getpid(), flush=True)
                while True:
                    answer = input("name? ")
                    if answer == "size":
                        subprocess.run(["stty", "size"])
                    else:
                        print("hello", answer, flush=True)
                """);
        TestFiles.write(dir.resolve("launcher.conf"), """
                services {
                  backend {
                    command = ["python3", "-u", "app.py"]
                    interactive = true
                  }
                }
                """);
        String socket = "devlaunch-attach-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        JarRun.Running up = JarRun.startInterruptible(dir, "up");
        Tmux t = new Tmux(tmux, socket);
        try {
            awaitShown(up::text, "backend +is waiting for input");
            long first = JarRun.printed(up.text(), "backend +\\| pid (\\d+)");
            String cmd = String.join(" ", JarRun.argv("attach", "backend").stream().map(a -> "'" + a + "'").toList());
            t.run("new-session", "-d", "-x", "100", "-y", "30", "-c", dir.toString(), cmd + "; echo EXIT=$?; sleep 60");
            await().atMost(WAIT).until(() -> t.screen().contains("attached to backend (PID " + first + ")") && t.screen().contains("name? "));

            t.run("send-keys", "bob", "Enter");
            awaitShown(t::screen, "hello bob");
            t.run("send-keys", "size", "Enter");
            awaitShown(t::screen, "(?m)^30 100$");
            t.run("resize-window", "-x", "120", "-y", "40");
            // The new size travels on its own (SIGWINCH → attach → supervisor), racing these keys: ask until it has arrived.
            awaitShown(() -> {
                t.run("send-keys", "size", "Enter");
                return t.screen();
            }, "(?m)^40 120$");

            JarRun.Result restarted = JarRun.run(dir, "restart", "backend");
            assertEquals(0, restarted.code(), restarted.out());
            await().atMost(WAIT).until(() -> t.screen().contains("backend restarted (PID "));
            long second = JarRun.printed(t.screen(), "backend restarted \\(PID (\\d+)\\)");
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(first).isEmpty());
            await().atMost(WAIT).until(() -> t.screen().lastIndexOf("name? ") > t.screen().indexOf("backend restarted"));
            t.run("send-keys", "carol", "Enter");
            awaitShown(t::screen, "hello carol");

            // A second client at the same time: what it sends reaches the service, both see the answer.
            Ran piped = attach("dave\n", "backend");
            assertEquals(0, piped.code(), piped.err());
            assertTrue(piped.out().contains("hello dave"), piped.out());
            awaitShown(t::screen, "hello dave");

            t.run("send-keys", "C-]");
            awaitShown(t::screen, "EXIT=0");
            assertTrue(t.screen().contains("detached from backend (it runs on)"), t.screen());
            assertTrue(ProcessHandle.of(second).isPresent(), "the service runs on after a detach");
            awaitShown(up::text, "backend +\\| hello carol");

            assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(up.process().pid())).start().waitFor());
            assertTrue(up.process().waitFor(30, TimeUnit.SECONDS), up.text());
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(second).isEmpty());
        } finally {
            t.close();
            if (up.process().isAlive()) up.process().destroyForcibly();
        }
    }

    /** A tmux server of the test's own (its own socket), so nothing else's sessions are seen or touched. */
    private record Tmux(Path program, String socket) implements AutoCloseable {
        String run(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(program.toString(), "-L", socket));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", cmd));
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
            return out;
        }

        String screen() throws Exception {
            return run("capture-pane", "-p", "-J");
        }

        @Override
        public void close() throws Exception {
            new ProcessBuilder(program.toString(), "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
