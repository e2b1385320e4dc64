package io.devlaunch.supervise;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch}: real files changed under a real service. "No restart for X" is shown by changing
 * X first and a watched file after: the one restart that follows names only the watched file.
 */
@Timeout(60)
class WatchRestartTest {
    private static final String API = """
            services {
              api {
                command = "echo started; exec sleep 60"
                watch = ["app"]
                watch-ignore = ["app/generated/**"]
                watch-debounce = 100ms
              }
            }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void project() throws Exception {
        Files.createDirectories(dir.resolve("app/generated"));
        Files.writeString(dir.resolve("app/main.py"), "print('v1')\n");
    }

    private static long restarts(Stack s) {
        return s.events.stream().filter(c -> c.service().equals("api") && c.from() == ServiceState.STOPPED
                && c.to() == ServiceState.STARTING).count();
    }

    private static void awaitRestarts(Stack s, long n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> restarts(s) >= n && s.state("api") == ServiceState.HEALTHY);
    }

    @Test
    void aChangeRestartsTheServiceAndSaysWhy() throws Exception {
        try (Stack s = Stack.startWatching(dir, API)) {
            s.awaitState("api", ServiceState.HEALTHY);
            long before = s.pid("api");
            Files.writeString(dir.resolve("app/main.py"), "print('v2')\n");
            awaitRestarts(s, 1);
            assertNotEquals(before, s.pid("api"));
            assertTrue(s.flat().contains("api changed: app/main.py — restarting"), s.flat());
        }
    }

    @Test
    void aBurstOf500FilesIsOneRestart() throws Exception {
        try (Stack s = Stack.startWatching(dir, API)) {
            s.awaitState("api", ServiceState.HEALTHY);
            for (int i = 0; i < 500; i++) Files.writeString(dir.resolve("app/f" + i + ".py"), "x = " + i + "\n");
            awaitRestarts(s, 1);
            // A marker change after the burst: its restart is the second, so nothing else came in between.
            Files.writeString(dir.resolve("app/marker.py"), "done\n");
            awaitRestarts(s, 2);
            assertEquals(2, restarts(s), s.flat());
            // The burst overflows the JDK's 512 events per folder, and the rescan that follows counts a file
            // modified within the clock's slack of the watcher's start (app/main.py, written just before) as
            // possibly changed: so the contract is one restart naming files among those written, not a count.
            java.util.regex.Matcher burst = java.util.regex.Pattern
                    .compile("api changed: (app/\\S+\\.py), (app/\\S+\\.py), (app/\\S+\\.py) and (\\d+) more — restarting")
                    .matcher(s.flat());
            assertTrue(burst.find(), s.flat());
            for (int g = 1; g <= 3; g++) assertTrue(burst.group(g).matches("app/(f\\d+|main)\\.py"), burst.group(g));
            int more = Integer.parseInt(burst.group(4));
            assertTrue(more >= 497 && more <= 498, "3 named + " + more + " more for 500 files (+ main.py at most)");
            assertFalse(burst.find(), "one restart line for the burst\n" + s.flat());
            assertTrue(s.flat().contains("api changed: app/marker.py — restarting"), s.flat());
        }
    }

    @Test
    void changesDuringARestartGiveExactlyOneMoreOnceItIsDone() throws Exception {
        String slow = API.replace("watch = [\"app\"]", "watch = [\"app\"]\n    before-start = [[\"sleep\", \"1\"]]");
        try (Stack s = Stack.startWatching(dir, slow)) {
            s.awaitState("api", ServiceState.HEALTHY);
            Files.writeString(dir.resolve("app/a.py"), "a\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> s.flat().contains("before-start: sleep 1")
                    && s.flat().indexOf("before-start: sleep 1") != s.flat().lastIndexOf("before-start: sleep 1"));
            Files.writeString(dir.resolve("app/b.py"), "b\n");      // while the first restart runs its before-start
            Files.writeString(dir.resolve("app/c.py"), "c\n");
            awaitRestarts(s, 2);
            Files.writeString(dir.resolve("app/marker.py"), "done\n");
            awaitRestarts(s, 3);
            assertEquals(3, restarts(s), "a, then b and c together, then the marker\n" + s.flat());
            assertTrue(s.flat().contains("api changed: app/b.py and app/c.py — restarting"), s.flat());
        }
    }

    @Test
    void ignoredFoldersSwapFilesAndGitignoredFilesRestartNothing() throws Exception {
        Files.writeString(dir.resolve(".gitignore"), "*.log\n");
        Files.createDirectories(dir.resolve("app/node_modules/pkg"));
        try (Stack s = Stack.startWatching(dir, API)) {
            s.awaitState("api", ServiceState.HEALTHY);
            Files.writeString(dir.resolve("app/generated/schema.py"), "generated\n");
            Files.writeString(dir.resolve("app/node_modules/pkg/index.js"), "x\n");
            Files.writeString(dir.resolve("app/.main.py.swp"), "vim\n");
            Files.writeString(dir.resolve("app/main.py~"), "backup\n");
            Files.writeString(dir.resolve("app/server.log"), "log line\n");
            Files.writeString(dir.resolve("app/real.py"), "real change\n");
            awaitRestarts(s, 1);
            assertEquals(1, restarts(s));
            assertTrue(s.flat().contains("api changed: app/real.py — restarting"), "only the real change\n" + s.flat());
        }
    }

    @Test
    void aFolderCreatedAfterStartIsWatched() throws Exception {
        try (Stack s = Stack.startWatching(dir, API)) {
            s.awaitState("api", ServiceState.HEALTHY);
            Files.createDirectories(dir.resolve("app/routes/v2"));
            Files.writeString(dir.resolve("app/routes/v2/users.py"), "new\n");
            awaitRestarts(s, 1);
            assertTrue(s.flat().contains("routes/v2/users.py"), s.flat());
        }
    }

    @Test
    void aChangeStartsAFailedServiceAgain() throws Exception {
        String fragile = """
                services {
                  api {
                    command = "test -f app/fixed.py || { echo 'SyntaxError: invalid syntax'; exit 1; }; exec sleep 60"
                    restart = no
                    watch = ["app"]
                    watch-debounce = 100ms
                  }
                  keep { command = "sleep 60" }
                }
                """;
        try (Stack s = Stack.startWatching(dir, fragile)) {
            s.awaitState("api", ServiceState.EXITED);
            Files.writeString(dir.resolve("app/fixed.py"), "fixed\n");      // the user fixed the error
            s.awaitState("api", ServiceState.HEALTHY);
            assertTrue(s.flat().contains("api changed: app/fixed.py — restarting"), s.flat());
        }
    }

    @Test
    void withoutWatchingAChangeRestartsNothing() throws Exception {
        try (Stack s = Stack.start(dir, API)) {
            s.awaitState("api", ServiceState.HEALTHY);
            Files.writeString(dir.resolve("app/main.py"), "print('v2')\n");
            assertTrue(s.restart(java.util.List.of("api"), false, () -> { }));       // the only restart
            assertEquals(1, restarts(s));
            assertFalse(s.flat().contains("changed:"), s.flat());
        }
    }
}
