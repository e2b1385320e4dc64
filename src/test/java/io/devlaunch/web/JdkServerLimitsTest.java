package io.devlaunch.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The JDK server reads these once, when its classes load: apply() must set them, and keep a user's. */
class JdkServerLimitsTest {
    @Test
    void applySetsNodelaySoKeptAliveRequestsAreNotHeldByNagleAndKeepsAValueTheUserSet() {
        String before = System.getProperty(JdkServerLimits.NODELAY);
        try {
            System.clearProperty(JdkServerLimits.NODELAY);
            JdkServerLimits.apply();
            assertEquals("true", System.getProperty(JdkServerLimits.NODELAY));
            System.setProperty(JdkServerLimits.NODELAY, "false");
            JdkServerLimits.apply();
            assertEquals("false", System.getProperty(JdkServerLimits.NODELAY), "the user's choice stands");
        } finally {
            if (before == null) System.clearProperty(JdkServerLimits.NODELAY);
            else System.setProperty(JdkServerLimits.NODELAY, before);
        }
    }
}
