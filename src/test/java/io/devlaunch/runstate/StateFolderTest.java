package io.devlaunch.runstate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(OS.LINUX)
class StateFolderTest {
    @TempDir
    Path dir;

    @Test
    void preparedFolderIsOwnerOnlyAndIgnoredByGitButAnEditedIgnoreIsKept() throws Exception {
        StateFolder folder = new StateFolder(dir.resolve(".devlaunch"));
        folder.prepare();
        Path ignore = folder.dir().resolve(".gitignore");
        assertEquals("*", Files.readAllLines(ignore).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.dir())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.logs())));

        Files.writeString(ignore, "*\n!notes.md\n");
        folder.prepare();
        assertEquals("*\n!notes.md\n", Files.readString(ignore), "the user's edit is theirs");
    }
}
