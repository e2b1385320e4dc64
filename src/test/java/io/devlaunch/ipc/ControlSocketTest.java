package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.devlaunch.runstate.StateFolder;
import io.devlaunch.supervise.ServiceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Where the socket lives: in the project, or — for a path too long for a socket name — in an owner-only folder of ours under the temp dir. */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ControlSocketTest {
    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aShortProjectPathKeepsTheSocketInItsStateFolder() {
        assertEquals(dir.resolve(".devlaunch/control.sock"), ControlSocket.path(new StateFolder(dir.resolve(".devlaunch"))));
    }

    @Test
    void aProjectPathTooLongForASocketNameWorksThroughAShortOwnerOnlyPath() throws Exception {
        Path deep = dir.resolve("a".repeat(50)).resolve("b".repeat(50));
        StateFolder folder = new StateFolder(deep.resolve(".devlaunch"));
        assertTrue(folder.dir().resolve("control.sock").toString().length() > 100, "the case under test");
        Path socket = ControlSocket.path(folder);
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "devlaunch-" + System.getProperty("user.name")), socket.getParent());
        assertTrue(socket.toString().getBytes(StandardCharsets.UTF_8).length <= 100, socket.toString());
        assertNotEquals(socket, ControlSocket.path(new StateFolder(deep.resolve("other/.devlaunch"))), "one socket per project");

        try (ControlHarness h = ControlHarness.start(dir, folder, ControlServerTest.WEB, ControlServer.OWNER_ONLY)) {
            assertEquals(socket, h.socket());
            assertEquals("rwx------", mode(socket.getParent()));
            assertEquals("rw-------", mode(socket));
            h.awaitState("web", ServiceState.HEALTHY);
            assertEquals(new Protocol.Done(true, "pong"), ControlClient.call(socket, new Protocol.Ping(), l -> { }));
            assertEquals(new Protocol.Done(true, "restarted"),
                    ControlClient.call(socket, new Protocol.RestartRequest(List.of("web"), false, false), l -> { }));
        }
        assertFalse(Files.exists(socket), "removed when the server closed");
    }

    @Test
    void aLooseFallbackFolderIsMadeOwnerOnly() throws Exception {
        Path own = Files.createDirectory(dir.resolve("devlaunch-loose"));
        Files.setPosixFilePermissions(own, PosixFilePermissions.fromString("rwxrwxrwx"));
        ControlSocket.prepareFolder(own.resolve("x.sock"));
        assertEquals("rwx------", mode(own));
    }

    @Test
    void aFallbackFolderThatIsASymlinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(dir.resolve("devlaunch-link"), elsewhere);
        IOException e = assertThrows(IOException.class, () -> ControlSocket.prepareFolder(link.resolve("x.sock")));
        assertTrue(e.getMessage().contains("is a symbolic link, not devlaunch's own folder"), e.getMessage());
    }

    @Test
    void aFallbackFolderOfAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        Path theirs = Files.createDirectory(dir.resolve("devlaunch-theirs"));
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        IOException e = assertThrows(IOException.class, () -> ControlSocket.prepareFolder(theirs.resolve("x.sock")));
        assertTrue(e.getMessage().contains("belongs to user nobody, not root"), e.getMessage());
    }
}
