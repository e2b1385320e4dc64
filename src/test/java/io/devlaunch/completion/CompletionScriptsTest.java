package io.devlaunch.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import io.devlaunch.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scripts `devlaunch completion SHELL` prints: complete, syntactically valid for their shell, and working in bash.
 */
class CompletionScriptsTest {
    @TempDir
    Path dir;

    private String script(String shell) {
        CliRun r = CliRun.run(dir, "completion", shell);
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().length() > 500, r.transcript());
        return r.out();
    }

    @Test
    void unknownShellIsBadUsageListingTheChoices() {
        CliRun r = CliRun.run(dir, "completion", "tcsh");
        assertEquals(2, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("no completion for shell 'tcsh'; choose one of: bash, zsh, fish"), r.transcript());
    }

    @Test
    void bashParsesIt() throws Exception {
        assertEquals(0, run(List.of("bash", "-n", write("bash")), "").code, "bash -n");
    }

    @Test
    void zshParsesIt() throws Exception {
        requireTool("zsh");
        Result r = run(List.of("zsh", "-n", write("zsh")), "");
        assertEquals(0, r.code, "zsh -n: " + r.out);
    }

    @Test
    void fishParsesIt() throws Exception {
        requireTool("fish");
        Result r = run(List.of("fish", "--no-execute", write("fish")), "");
        assertEquals(0, r.code, "fish --no-execute: " + r.out);
    }

    /** Sources the script, then asks its function for the words at a few cursor positions, as bash would on Tab. */
    @Test
    void bashCompletesCommandsOptionsAndServiceNames() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"),
                "services { api { command = \"true\" }, web { command = \"true\" } }\n");
        TestFiles.write(dir.resolve("other.conf"), "services { db { command = \"true\" } }\n");
        Path fake = devlaunchProgram(dir);
        String probe = "source " + write("bash") + "\n"
                + "ask() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _devlaunch_complete; echo \"${COMPREPLY[*]}\"; }\n"
                + "ask " + fake + " re\n"
                + "ask " + fake + " up ''\n"
                + "ask " + fake + " logs w\n"
                + "ask " + fake + " up --de\n"
                + "ask " + fake + " --file other.conf restart ''\n"
                + "ask " + fake + " completion ''\n"
                + "ask " + fake + " logs --file=other.conf ''\n";
        Result r = run(List.of("bash", "-c", probe), "");
        List<String> lines = r.out.lines().toList();
        assertEquals(List.of("restart", "api web", "web", "--detach", "db", "bash zsh fish", "db"), lines, r.out);
    }

    /**
     * zsh's completion widgets need a terminal; the function itself does not: with compsys's
     * {@code compadd}, {@code _describe} and {@code _files} replaced by printers, it shows what it offers.
     */
    @Test
    void zshCompletesCommandsOptionsAndServiceNames() throws Exception {
        requireTool("zsh");
        TestFiles.write(dir.resolve("launcher.conf"),
                "services { api { command = \"true\" }, web { command = \"true\" } }\n");
        Path fake = devlaunchProgram(dir);
        String probe = String.join("\n",
                "compdef() { : }",
                "compadd() { if [[ $1 == -a ]]; then print -r -- ${(P)2}; else print -r -- \"$@\"; fi }",
                "_describe() { local -a c; c=(${(P)${@[-1]}}); print -r -- ${c%%:*} }",
                "_files() { print files }",
                "source " + write("zsh"),
                "ask() { words=(\"$@\"); CURRENT=${#words}; _devlaunch }",
                "ask " + fake + " ''",
                "ask " + fake + " up --d",
                "ask " + fake + " logs ''",
                "ask " + fake + " -f ''",
                "ask " + fake + " completion ''");
        Result r = run(List.of("zsh", "-f", "-c", probe), "");
        List<String> lines = r.out.lines().toList();
        assertEquals(5, lines.size(), r.out);
        assertTrue(lines.get(0).startsWith("up down restart"), r.out);
        assertTrue(lines.get(1).contains("--detach"), r.out);
        assertEquals("api web", lines.get(2), r.out);
        assertEquals("files", lines.get(3), r.out);
        assertEquals("bash zsh fish", lines.get(4), r.out);
    }

    /** fish answers `complete -C LINE` with what Tab would offer: the real completions, service names included. */
    @Test
    void fishCompletesCommandsOptionsAndServiceNames() throws Exception {
        requireTool("fish");
        TestFiles.write(dir.resolve("launcher.conf"),
                "services { api { command = \"true\" }, web { command = \"true\" } }\n");
        TestFiles.write(dir.resolve("other.conf"), "services { db { command = \"true\" } }\n");
        Path bin = devlaunchProgram(Files.createDirectories(dir.resolve("bin"))).getParent();
        String probe = "set -x PATH " + bin + " $PATH; source " + write("fish") + "; "
                + "complete -C 'devlaunch re'; echo ---; complete -C 'devlaunch up --de'; echo ---; complete -C 'devlaunch logs '; echo ---;"
                + " complete -C 'devlaunch --file=other.conf up '";
        Result r = run(List.of("fish", "--no-config", "-c", probe), "");
        String[] parts = r.out.split("---\n");
        assertEquals(4, parts.length, r.out);
        assertTrue(parts[0].startsWith("restart\tRestart services"), r.out);
        assertTrue(parts[1].startsWith("--detach\tRun in the background"), r.out);
        assertEquals(List.of("api", "web"), parts[2].lines().toList(), r.out);
        assertEquals(List.of("db"), parts[3].lines().toList(), "the manifest named with --file=\n" + r.out);
    }

    /** {@code attach} offers only the services that have a terminal to attach to, in every shell. */
    @Test
    void attachCompletesOnlyInteractiveServices() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services { api { command = \"true\", interactive = true }, web { command = \"true\" },"
                + " worker { command = \"true\", interactive = true } }\n");
        Path fake = devlaunchProgram(Files.createDirectories(dir.resolve("bin")));
        String bash = "source " + write("bash") + "\n"
                + "COMP_WORDS=(" + fake + " attach ''); COMP_CWORD=2; COMPREPLY=(); _devlaunch_complete; echo \"${COMPREPLY[*]}\"\n";
        assertEquals("api worker", run(List.of("bash", "-c", bash), "").out.strip());
        requireTool("zsh");
        String zsh = String.join("\n", "compdef() { : }",
                "compadd() { if [[ $1 == -a ]]; then print -r -- ${(P)2}; else print -r -- \"$@\"; fi }",
                "source " + write("zsh"), "words=(" + fake + " attach ''); CURRENT=3; _devlaunch");
        assertEquals("api worker", run(List.of("zsh", "-f", "-c", zsh), "").out.strip());
        requireTool("fish");
        String fish = "set -x PATH " + fake.getParent() + " $PATH; source " + write("fish") + "; complete -C 'devlaunch attach '";
        assertEquals(List.of("api", "worker"), run(List.of("fish", "--no-config", "-c", fish), "").out.lines().toList());
    }

    private record Result(int code, String out) {}

    private Result run(List<String> cmd, String stdin) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended: " + cmd);
        return new Result(p.exitValue(), out);
    }

    private String write(String shell) throws Exception {
        Path f = dir.resolve("completion." + shell);
        Files.writeString(f, script(shell), StandardCharsets.UTF_8);
        return f.toString();
    }

    /**
     * A devlaunch program for the scripts to call: the in-process CLI is not one, so this runs the real one from the
     * classes.
     */
    private static Path devlaunchProgram(Path folder) throws Exception {
        Path fake = folder.resolve("devlaunch");
        TestFiles.write(fake, "#!/bin/sh\nexec '" + javaBin() + "' -cp '" + System.getProperty("java.class.path")
                + "' io.devlaunch.cli.Main \"$@\"\n");
        fake.toFile().setExecutable(true);
        return fake;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** CI (.ci/run, DEVLAUNCH_CI=1) installs the shells: there a missing one fails; elsewhere the test is skipped. */
    private static void requireTool(String name) {
        Tools.need(name, name);
    }
}
