package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/devlaunch as installed (script, jar and demo manifest, no pom.xml so it never builds): the
 * class-data archive it makes on first run, reuses, and makes again for a new jar.
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class LauncherScriptIT {
    @TempDir
    Path home;

    private Path archive;

    @BeforeEach
    void install() throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("target"));
        Files.copy(Path.of("bin/devlaunch"), home.resolve("bin/devlaunch"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(Path.of("target/devlaunch.jar"), home.resolve("target/devlaunch.jar"));
        Files.copy(Path.of("launcher.conf"), home.resolve("launcher.conf"));
        archive = home.resolve("target/devlaunch.jsa");
    }

    private record Run(int code, String out, String err) {}

    private Run devlaunch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("bin/devlaunch").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().putAll(env);
        Path out = home.resolve("out.txt");
        Path err = home.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("bin/devlaunch " + String.join(" ", args) + " still running after 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void firstRunMakesTheArchiveAndLaterRunsMapIt() throws Exception {
        Run first = devlaunch(Map.of(), "--version");
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("devlaunch "), first.out());
        assertEquals("", first.err(), "nothing on stderr from making the archive");
        assertTrue(Files.size(archive) > 0, "archive made on first run");
        FileTime made = Files.getLastModifiedTime(archive);

        // -Xshare:on makes Java fail instead of quietly running without an archive it cannot map
        Run mapped = devlaunch(Map.of("DEVLAUNCH_JAVA_OPTS", "-Xshare:on"), "--version");
        assertEquals(0, mapped.code(), mapped.out() + mapped.err());
        assertEquals(first.out(), mapped.out());
        assertEquals(made, Files.getLastModifiedTime(archive), "the archive is reused, not made again");
        try (var leftovers = Files.list(home.resolve("target"))) {
            assertEquals(List.of(), leftovers.filter(f -> f.getFileName().toString().matches("devlaunch\\.jsa\\.\\d+")).toList(),
                    "no half-written archive left beside it");
        }
    }

    @Test
    void aNewerJarGetsANewArchive() throws Exception {
        assertEquals(0, devlaunch(Map.of(), "--version").code());
        FileTime made = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(home.resolve("target/devlaunch.jar"), FileTime.fromMillis(made.toMillis() + 2000));

        Run rebuilt = devlaunch(Map.of("DEVLAUNCH_JAVA_OPTS", "-Xshare:on"), "--version");
        assertEquals(0, rebuilt.code(), rebuilt.out() + rebuilt.err());
        assertNotEquals(made, Files.getLastModifiedTime(archive), "archive made again for the newer jar");
    }

    @Test
    void cdsCanBeTurnedOff() throws Exception {
        Run off = devlaunch(Map.of("DEVLAUNCH_CDS", "0"), "--version");
        assertEquals(0, off.code(), off.err());
        assertTrue(off.out().startsWith("devlaunch "), off.out());
        assertTrue(Files.notExists(archive), "no archive with DEVLAUNCH_CDS=0");
    }
}
