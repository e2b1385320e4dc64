package io.devlaunch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/devlaunch as installed (script, jar and demo manifest, no pom.xml so it never builds): the
 * class-data archive it makes on first run, reuses, and makes again for a new jar; which Java it
 * picks (DEVLAUNCH_JAVA, or the newest JDK 17+ in DEVLAUNCH_JDK_DIRS, fake JDKs whose java records
 * that it ran); and, where Temurin 25 is installed, the AOT cache it trains and maps on JDK 24+.
 * Runs pin the test's own Java with DEVLAUNCH_JAVA unless they test the choice.
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
        archive = home.resolve(Runtime.version().feature() >= 24 ? "target/devlaunch.aot" : "target/devlaunch.jsa");
    }

    private record Run(int code, String out, String err) {}

    /** The test's own Java, named explicitly: what the archive tests run on. */
    private Run devlaunch(Map<String, String> env, String... args) throws Exception {
        Map<String, String> pinned = new HashMap<>(Map.of("DEVLAUNCH_JAVA", System.getProperty("java.home")));
        pinned.putAll(env);
        return run(pinned, args);
    }

    /** Nothing of the caller's Java settings: only {@code env}'s. */
    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", home.resolve("bin/devlaunch").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().keySet().removeAll(List.of("JAVA_HOME", "DEVLAUNCH_JAVA", "DEVLAUNCH_JDK_DIRS", "DEVLAUNCH_JAVA_OPTS"));
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

    @Test
    void devlaunchJavaChoosesTheJdkAndVersionNamesIt() throws Exception {
        Run r = devlaunch(Map.of("JAVA_HOME", "/nonexistent-or-another"), "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Java " + System.getProperty("java.version") + ", "), r.out());
        assertTrue(r.out().contains(System.getProperty("java.home") + ", from DEVLAUNCH_JAVA"), r.out());
    }

    /** A JDK folder whose bin/java only records that it ran, in {@code ran.txt}. */
    private Path fakeJdk(Path dirs, String name, String version) throws IOException {
        Path jdk = Files.createDirectories(dirs.resolve(name).resolve("bin"));
        Files.writeString(dirs.resolve(name).resolve("release"), "IMPLEMENTOR=\"Fake\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho " + name + " >>'" + home.resolve("ran.txt") + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dirs.resolve(name);
    }

    private List<String> ran() throws IOException {
        Path f = home.resolve("ran.txt");
        List<String> lines = Files.exists(f) ? Files.readAllLines(f) : List.of();
        Files.deleteIfExists(f);
        return lines;
    }

    @Test
    void theNewestJdk17OrLaterIsPickedFromTheFoldersAndRememberedUntilTheSetChanges() throws Exception {
        Path dirs = Files.createDirectories(home.resolve("jdks"));
        Path other = Files.createDirectories(home.resolve("more-jdks"));
        fakeJdk(dirs, "jdk-8", "1.8.0_392");
        fakeJdk(dirs, "jdk-11", "11.0.22");
        fakeJdk(dirs, "jdk-21", "21.0.4");
        fakeJdk(other, "jdk-17", "17.0.15");
        fakeJdk(other, "jdk-21.0.10", "21.0.10");         // 21.0.10 is newer than 21.0.4, not older
        Map<String, String> env = Map.of("DEVLAUNCH_JDK_DIRS", dirs + ":" + other, "DEVLAUNCH_CDS", "0");

        assertEquals(0, run(env, "--version").code());
        assertEquals(List.of("jdk-21.0.10"), ran());
        assertTrue(Files.readString(home.resolve("target/devlaunch.jdk")).startsWith(other.resolve("jdk-21.0.10/bin/java") + "\n"),
                "the choice is remembered");

        assertEquals(0, run(env, "--version").code());
        assertEquals(List.of("jdk-21.0.10"), ran(), "remembered choice used again");

        fakeJdk(dirs, "jdk-25", "25.0.3");                 // a JDK added: chosen at once
        assertEquals(0, run(env, "--version").code());
        assertEquals(List.of("jdk-25"), ran());

        Files.writeString(dirs.resolve("jdk-25/release"), "JAVA_VERSION=\"11.0.1\"\n");   // updated in place (to an old one)
        assertEquals(0, run(env, "--version").code());
        assertEquals(List.of("jdk-21.0.10"), ran());
    }

    @Test
    void onlyJdksOlderThan17IsTheClearErrorAndNoneIsRun() throws Exception {
        Path dirs = Files.createDirectories(home.resolve("jdks"));
        fakeJdk(dirs, "jdk-11", "11.0.22");
        Path eight = fakeJdk(dirs, "jdk-8", "1.8.0_392");
        Run r = run(Map.of("DEVLAUNCH_JDK_DIRS", dirs.toString()), "--version");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no Java found; install a JDK 17 or newer"), r.err());
        Run named = run(Map.of("DEVLAUNCH_JAVA", eight.toString()), "--version");
        assertEquals(1, named.code());
        assertTrue(named.err().contains("is Java 1.8.0_392; devlaunch needs Java 17 or newer"), named.err());
        assertEquals(List.of(), ran(), "no old Java started");
    }

    @Test
    void onJdk25TheAotCacheIsTrainedOnceAndUsedQuietly() throws Exception {
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        Assumptions.assumeTrue(Files.isExecutable(jdk25.resolve("bin/java")),
                "Temurin 25 is not installed at " + jdk25 + " (CI installs only JDK 17): AOT cache not tested");
        Path cache = home.resolve("target/devlaunch.aot");
        Run first = devlaunch(Map.of("DEVLAUNCH_JAVA", jdk25.toString()), "--version");
        assertEquals(0, first.code(), first.err());
        assertEquals("", first.err(), "nothing on stderr from training the cache");
        assertTrue(first.out().contains("Java 25") && first.out().contains("AOT cache"), first.out());
        assertTrue(Files.size(cache) > 0, "cache made on first run");
        FileTime made = Files.getLastModifiedTime(cache);

        // -XX:AOTMode=on makes Java fail instead of quietly running without a cache it cannot use
        Run used = devlaunch(Map.of("DEVLAUNCH_JAVA", jdk25.toString(), "DEVLAUNCH_JAVA_OPTS", "-XX:AOTMode=on"), "--version");
        assertEquals(0, used.code(), used.out() + used.err());
        assertEquals(first.out(), used.out());
        assertEquals("", used.err());
        assertEquals(made, Files.getLastModifiedTime(cache), "the cache is reused, not made again");

        // up's own flags on top of the trained ones: the cache still maps, and nothing on stderr (JNA's warning)
        Path conf = Files.writeString(home.resolve("one.conf"), "services { one { command = [\"true\"] } }\ndashboard { enabled = false }\n");
        Run up = devlaunch(Map.of("DEVLAUNCH_JAVA", jdk25.toString(), "DEVLAUNCH_JAVA_OPTS", "-XX:AOTMode=on"), "-f", conf.toString(), "up");
        assertEquals(0, up.code(), up.out() + up.err());
        assertEquals("", up.err());
        assertFalse(Files.exists(home.resolve("target/devlaunch.jsa")), "no class-data archive on JDK 25");
    }
}
