package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.manifest.ManifestLoader;
import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesTheManifestAndSaysWhatItFoundGuessedAndWhatToReview() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "web: python3 -m http.server $PORT\nworker: python3 worker.py\n");
        CliRun r = CliRun.run(dir, "init");
        assertEquals(0, r.exitCode(), r.transcript());
        assertTrue(r.out().contains("devlaunch | read Procfile: 2 processes"), r.transcript());
        assertTrue(r.out().contains("devlaunch | wrote launcher.conf with 2 services: web, worker"), r.transcript());
        assertTrue(r.out().contains("  web: port 5000 (the command listens on $PORT); health GET http://localhost:5000/"), r.transcript());
        assertTrue(r.out().contains("review:\n  worker: no port seen"), r.transcript());
        assertTrue(r.out().contains("run `devlaunch check`"), r.transcript());
        assertEquals(2, ManifestLoader.load(dir.resolve("launcher.conf")).services().size());
        try (var left = Files.list(dir)) {
            assertEquals(2, left.count(), "nothing but the Procfile and launcher.conf (no temp file left)");
        }
    }

    @Test
    void neverOverwritesWithoutForce() throws Exception {
        TestFiles.write(dir.resolve("Procfile"), "web: python3 -m http.server $PORT\n");
        TestFiles.write(dir.resolve("launcher.conf"), "services { mine { command = \"true\" } }\n");
        CliRun r = CliRun.run(dir, "init");
        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("launcher.conf already exists; devlaunch init never overwrites a manifest")
                && r.err().contains("devlaunch init --force"), r.transcript());
        assertEquals("services { mine { command = \"true\" } }\n", Files.readString(dir.resolve("launcher.conf")));

        CliRun forced = CliRun.run(dir, "init", "--force");
        assertEquals(0, forced.exitCode(), forced.transcript());
        assertTrue(Files.readString(dir.resolve("launcher.conf")).contains("python3 -m http.server $PORT"));
    }

    @Test
    void nothingToReadIsExit1NamingWhatItLookedFor() {
        CliRun r = CliRun.run(dir, "init");
        assertEquals(1, r.exitCode(), r.transcript());
        assertTrue(r.err().contains("nothing to make a manifest from in " + dir + ": no Procfile.dev or Procfile; no package.json"), r.transcript());
        assertTrue(r.err().contains("package.json scripts"), r.transcript());
        assertTrue(Files.notExists(dir.resolve("launcher.conf")));
    }
}
