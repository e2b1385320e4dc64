package io.devlaunch.output;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerminalTest {
    @Test
    void terminalsAreTheTtyDevices() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminal.isTerminalDevice("/dev/console"));
    }

    @Test
    void filesPipesAndSocketsAreNot() {
        assertFalse(Terminal.isTerminalDevice("/home/me/out.log"));
        assertFalse(Terminal.isTerminalDevice("pipe:[123456]"));
        assertFalse(Terminal.isTerminalDevice("socket:[98765]"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
    }

    @Test
    void noColorWinsAndForceColorColoursAPipe() {
        assertFalse(Terminal.wantsColour(true, null, "1", () -> true));
        assertFalse(Terminal.wantsColour(false, "1", null, () -> true));
        assertTrue(Terminal.wantsColour(false, null, "1", () -> false));
        assertFalse(Terminal.wantsColour(false, null, "0", () -> false));
        assertTrue(Terminal.wantsColour(false, null, null, () -> true));
    }
}
