package io.devlaunch.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.DevLaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {
    @TempDir
    Path dir;

    /** Export sends -o FOLDER to FOLDER/compose.yaml; a folder appearing at the file's place since is a message, not a stack trace. */
    @Test
    void writingAFileWhereAFolderIsIsBadInput() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("out.yaml"));
        DevLaunchException e = assertThrows(DevLaunchException.class, () -> ExportFiles.writeFile(folder, "x", l -> {}));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("out.yaml is a folder") && e.getMessage().contains("-o"), e.getMessage());
    }
}
