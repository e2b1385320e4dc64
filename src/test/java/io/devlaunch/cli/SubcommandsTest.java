package io.devlaunch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubcommandsTest {
    private static final List<String> ALL = List.of("up", "down", "restart", "stop", "start", "clean", "status", "logs", "attach", "check", "dashboard",
            "export", "init", "completion");

    @Test
    void aNamedCommandNeedsOnlyItself() {
        assertEquals(List.of("status"), Subcommands.needed(new String[] {"status", "--json"}));
        assertEquals(List.of("up"), Subcommands.needed(new String[] {"--no-color", "up", "backend"}));
    }

    @Test
    void theTopLevelFileValueIsNotTakenForTheCommand() {
        assertEquals(List.of("check"), Subcommands.needed(new String[] {"-f", "status", "check"}));
        assertEquals(List.of("logs"), Subcommands.needed(new String[] {"--file", "up.conf", "logs", "-f"}));
    }

    @Test
    void versionAloneNeedsNone() {
        assertEquals(List.of(), Subcommands.needed(new String[] {"--version"}));
        assertEquals(List.of(), Subcommands.needed(new String[] {"-V", "--no-color"}));
    }

    @Test
    void theHiddenServicesCommandNeedsOnlyItselfAndIsNotListed() {
        assertEquals(List.of("__services"), Subcommands.needed(new String[] {"--file", "x.conf", "__services"}));
        assertEquals(ALL, Subcommands.all());
    }

    @Test
    void usageAndUnknownWordsNeedThemAll() {
        assertEquals(ALL, Subcommands.needed(new String[] {}));
        assertEquals(ALL, Subcommands.needed(new String[] {"--help"}));
        assertEquals(ALL, Subcommands.needed(new String[] {"--version", "--help"}));
        assertEquals(ALL, Subcommands.needed(new String[] {"stauts"}));
    }
}
