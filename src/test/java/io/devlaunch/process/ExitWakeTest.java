package io.devlaunch.process;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.devlaunch.lines.LineBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link ExitWake} reaches into NuProcess 3.0.x's internals (its pumps' epoll descriptors) to let the
 * JVM exit ~50 ms sooner after every {@code up} (BENCHMARKS.md, "up of one true"). If a NuProcess
 * upgrade moves them, the exit silently gets slower again: this fails loudly instead.
 */
class ExitWakeTest {
    @Test
    void nuProcessStillKeepsItsPumpsEpollDescriptorsWhereExitWakeLooks() throws Exception {
        AtomicBoolean exited = new AtomicBoolean();
        ChildProcess.start(List.of("true"), Path.of("/"), Map.of("PATH", System.getenv("PATH")), ProcessTree.forThisOs(),
                new ChildProcess.Listener() {
                    @Override
                    public void onOutput(ChildProcess child, boolean stderr, LineBatch lines) {}

                    @Override
                    public void onExit(ChildProcess child, Exit exit) {
                        exited.set(true);
                    }
                });
        await().atMost(Duration.ofSeconds(10)).untilTrue(exited);
        List<Integer> fds = ExitWake.pumpEpollFds();
        assertFalse(fds.isEmpty(), "NuProcess's BasePosixProcess.processors[].epoll: not found (a NuProcess upgrade?)");
        for (int fd : fds) {
            assertEquals("anon_inode:[eventpoll]", Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString(),
                    "descriptor " + fd + " is not an epoll instance: ExitWake would wake nothing");
        }
    }
}
