package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.devlaunch.fixtures.SocketPing;
import io.devlaunch.runstate.StateFolder;
import io.devlaunch.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user's client is kept out twice: by the socket file's mode, and — should the mode ever
 * let them connect — by the peer-credentials check. Needs root (to run a client as another user)
 * and setpriv; CI runs as root, and .ci/run creates the test user.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(60)
class PeerCredentialsTest {
    static final String USER = "devlaunch-test";
    private static String user;

    @TempDir
    Path project;

    private Path shared;        // reachable by the other user: the socket's folder and the client's class
    private Path classes;

    @BeforeAll
    static void rootAndAnotherUser() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "runs only as root, which can start a client as another user");
        assumeTrue(run(List.of("setpriv", "--version")).code == 0, "needs setpriv (util-linux)");
        if (run(List.of("id", "-u", USER)).code == 0) user = USER;                 // made by .ci/run
        else if (run(List.of("id", "-u", "nobody")).code == 0) user = "nobody";
        else {
            assumeTrue(run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", USER)).code == 0,
                    "no other user, and useradd could not make " + USER);
            user = USER;
        }
    }

    @BeforeEach
    void sharedFolder() throws IOException {
        shared = Files.createTempDirectory("devlaunch-peer-");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwx--x--x"));
        classes = shared.resolve("classes");
        Path cls = classes.resolve(SocketPing.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(cls.getParent());
        try (var in = SocketPing.class.getResourceAsStream(SocketPing.class.getSimpleName() + ".class")) {
            Files.copy(in, cls);
        }
        for (Path p = cls.getParent(); !p.equals(shared); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(cls, PosixFilePermissions.fromString("rw-r--r--"));
    }

    @AfterEach
    void removeSharedFolder() throws IOException {
        try (Stream<Path> all = Files.walk(shared)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    private record Ran(int code, String out) {}

    private static Ran run(List<String> argv) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Ran(-1, e.getMessage());
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(argv + " did not end:\n" + out);
        }
        return new Ran(p.exitValue(), out);
    }

    /** SocketPing against {@code socket}, as the other user or as ourselves. */
    private Ran ping(Path socket, boolean asOtherUser) throws Exception {
        List<String> argv = new ArrayList<>();
        if (asOtherUser) {
            String uid = run(List.of("id", "-u", user)).out.strip();
            String gid = run(List.of("id", "-g", user)).out.strip();
            argv.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
        }
        argv.addAll(List.of(Fixtures.javaBin(), "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(),
                SocketPing.class.getName(), socket.toString()));
        return run(argv);
    }

    private ControlHarness supervisor(String socketMode) throws Exception {
        Path state = Files.createDirectory(shared.resolve("state"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx--x--x"));
        return ControlHarness.start(project, new StateFolder(state), ControlServerTest.WEB, PosixFilePermissions.fromString(socketMode));
    }

    @Test
    void theOwnerOnlySocketFileKeepsAnotherUserFromConnecting() throws Exception {
        try (ControlHarness h = supervisor("rw-------")) {
            Ran other = ping(h.socket(), true);
            assertEquals(3, other.code, other.out);
            assertTrue(other.out.contains("connect failed: Permission denied"), other.out);
            Ran me = ping(h.socket(), false);
            assertTrue(me.out.contains("{\"done\":true,\"ok\":true,\"message\":\"pong\"}"), "the owner gets in: " + me.out);
        }
    }

    @Test
    void aPeerOfAnotherUserIsRefusedEvenWhenTheFileModeLetsItConnect() throws Exception {
        try (ControlHarness h = supervisor("rw-rw-rw-")) {
            Ran other = ping(h.socket(), true);
            assertEquals(0, other.code, other.out);
            assertEquals("{\"done\":true,\"ok\":false,\"message\":\"refused: this supervisor belongs to user root; user " + user
                    + " may not control it\"}\n", other.out);
            Ran me = ping(h.socket(), false);
            assertTrue(me.out.contains("\"message\":\"pong\""), "the owner still gets in: " + me.out);
        }
    }
}
