package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devlaunch.testing.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each script knows every command registered in Subcommands — also those added later — though this run registers only `completion`. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh", "fish"})
    void namesEveryRegisteredCommandAndTheirOptions(String shell) {
        CliRun r = CliRun.run(dir, "completion", shell);
        assertEquals(0, r.exitCode(), r.transcript());
        String s = r.out();
        for (String c : Subcommands.all()) {
            assertTrue(s.contains("\"devlaunch " + c + "\"") || s.contains("-a " + c + " "), shell + " script lacks the command " + c);
        }
        assertTrue(s.contains("detach") && s.contains("no-watch") && s.contains("force"), shell + ": options of up and init");
        assertTrue(s.contains("__services"), shell + ": service names come from the manifest");
        assertTrue(!s.contains("\"devlaunch __services\"") && !s.contains("-a __services"), shell + ": the hidden command is not offered");
    }
}
