package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.devlaunch.testing.CliRun;
import io.devlaunch.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden `__services` the completion scripts call: names one a line, and silence when there is no usable manifest. */
class ServicesCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheServiceNamesInManifestOrder() throws Exception {
        TestFiles.write(dir.resolve("launcher.conf"), "services {\n  web { command = \"true\" }\n  api { command = \"true\" }\n}\n");
        CliRun r = CliRun.run(dir, "__services");
        assertEquals(0, r.exitCode(), r.transcript());
        assertEquals("web\napi\n", r.out());
    }

    @Test
    void silentWithoutAManifestOrWithABrokenOne() throws Exception {
        CliRun none = CliRun.run(dir, "__services");
        assertEquals(1, none.exitCode());
        assertEquals("", none.out() + none.err(), none.transcript());
        TestFiles.write(dir.resolve("launcher.conf"), "services { web { comand = \"true\" } }\n");
        CliRun broken = CliRun.run(dir, "__services");
        assertEquals("", broken.out() + broken.err(), broken.transcript());
    }

    @Test
    void notInTheUsage() {
        CliRun r = CliRun.run(dir, "--help");
        assertFalse(r.out().contains("__services"), r.out());
        assertEquals(true, r.out().contains("init") && r.out().contains("completion"), r.out());
    }
}
