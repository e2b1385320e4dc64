package io.devlaunch.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.lines.LineBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** A child with {@code interactive = true}: real processes on a real pseudo-terminal. */
@EnabledOnOs(OS.LINUX)
class InteractiveChildTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final ProcessTree tree = ProcessTree.forThisOs();
    private final List<ChildProcess> started = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AtomicReference<Exit> exit = new AtomicReference<>();
    private final AtomicInteger linesAtExit = new AtomicInteger(-1);

    @AfterEach
    void killAll() {
        for (ChildProcess c : started) c.signal(PosixSignal.KILL);
        for (ChildProcess c : started) await().atMost(WAIT).until(c::exitReported);
    }

    private ChildProcess start(String script) throws Exception {
        ChildProcess c = ChildProcess.start(List.of("/bin/sh", "-c", script), Path.of("/"), Map.of("PATH", System.getenv("PATH")), tree,
                new ChildProcess.Listener() {
                    @Override
                    public void onOutput(ChildProcess child, boolean stderr, LineBatch batch) {
                        for (int i = 0; i < batch.size(); i++) lines.add(batch.line(i));
                    }

                    @Override
                    public void onExit(ChildProcess child, Exit e) {
                        linesAtExit.set(lines.size());
                        exit.set(e);
                    }
                }, true);
        started.add(c);
        return c;
    }

    @Test
    void everyLineArrivesInOrderAndTheExitComesAfterTheLast() throws Exception {
        start("i=0; while [ $i -lt 20000 ]; do echo line$i; i=$((i+1)); done; exit 3");
        await().atMost(WAIT).until(() -> exit.get() != null);
        assertEquals(Exit.code(3), exit.get());
        assertEquals(20000, linesAtExit.get(), "every line was handed on before the exit");
        for (int i = 0; i < 20000; i++) assertEquals("line" + i, lines.get(i));
    }

    @Test
    void itsStdinStdoutAndStderrAreTheTerminalItLeadsTheSessionOfAndItKeepsThePidSpawned() throws Exception {
        ChildProcess c = start("echo in=$(readlink /proc/$$/fd/0) out=$(readlink /proc/$$/fd/1) err=$(readlink /proc/$$/fd/2);"
                + " echo ctty=$(tty); set -- $(cut -d' ' -f6,8 /proc/$$/stat); echo session=$1 foreground=$2 pid=$$; stty size;"
                + " stty -a | grep -o 'susp = [^;]*'; exit 0");
        assertNotNull(c.terminal());
        await().atMost(WAIT).until(() -> exit.get() != null);
        String pts = lines.stream().filter(l -> l.startsWith("ctty=")).findFirst().orElseThrow().substring(5);
        assertTrue(pts.startsWith("/dev/pts/"), lines.toString());
        assertEquals("in=" + pts + " out=" + pts + " err=" + pts, lines.get(0), lines.toString());
        long pid = c.pid();
        // /proc/PID/stat: field 6 the session, field 8 the terminal's foreground group; both the child itself.
        assertTrue(lines.contains("session=" + pid + " foreground=" + pid + " pid=" + pid), pid + " " + lines);
        assertTrue(lines.contains("24 80"), "the size before anyone attached\n" + lines);
        assertTrue(lines.contains("susp = <undef>"), "Ctrl+Z is a byte to the service, not a stop\n" + lines);
    }

    @Test
    void keysReachItAWindowSizeTooAndCtrlCInterruptsItThroughTheTerminal() throws Exception {
        ChildProcess c = start("trap 'echo interrupted; exit 5' INT; read x; echo got:$x; stty size; while true; do sleep 0.1; done");
        c.terminal().resize(50, 132);
        c.terminal().write("hi\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> lines.contains("got:hi") && lines.contains("50 132"));
        c.terminal().write(new byte[] {3});
        await().atMost(WAIT).until(() -> exit.get() != null);
        assertEquals(Exit.code(5), exit.get(), lines.toString());
        assertTrue(lines.contains("^Cinterrupted"), "the terminal echoes ^C, then the trap runs\n" + lines);
    }

    @Test
    void aPromptThatWaitsIsALineOfItsOwnAndSaidOnceToViewers() throws Exception {
        ChildProcess c = start("printf 'name? '; read x; echo hello $x; printf 'again? '; read y; sleep 30");
        AtomicInteger prompts = new AtomicInteger();
        List<byte[]> raw = new CopyOnWriteArrayList<>();
        c.terminal().addViewer(new PseudoTerminal.Viewer() {
            @Override
            public void output(byte[] bytes) {
                raw.add(bytes);
            }

            @Override
            public void prompt() {
                prompts.incrementAndGet();
            }
        });
        await().atMost(WAIT).until(() -> lines.contains("name? "));
        assertEquals(1, prompts.get());
        assertTrue(c.terminal().waitingForInput());
        assertArrayEquals("name? ".getBytes(StandardCharsets.UTF_8), c.terminal().currentLine());
        c.terminal().write("ann\n".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> lines.contains("again? "));
        assertEquals(2, prompts.get(), "once per wait");
        assertTrue(lines.contains("hello ann"), lines.toString());
        assertTrue(lines.indexOf("ann") > lines.indexOf("name? "), "the terminal's echo of the answer\n" + lines);
        assertArrayEquals("again? ".getBytes(StandardCharsets.UTF_8), c.terminal().currentLine());
    }

    @Test
    void aChildThatIgnoresHangupAndTermEndsWithAKillAndLeavesNoOneOnItsTerminal() throws Exception {
        ChildProcess c = start("trap '' HUP TERM; echo ready; while true; do echo tick; sleep 0.05; done");
        await().atMost(WAIT).until(() -> lines.contains("ready"));
        c.signal(PosixSignal.TERM);
        c.signal(PosixSignal.HUP);
        int after = lines.size();
        await().atMost(WAIT).until(() -> lines.size() >= after + 3);      // still printing: both were ignored
        assertTrue(exit.get() == null);
        c.signal(PosixSignal.KILL);
        await().atMost(WAIT).until(() -> exit.get() != null);
        assertEquals("SIGKILL", exit.get().signalName(), exit.get().toString());
        await().atMost(WAIT).until(() -> c.liveTree().isEmpty());
    }
}
