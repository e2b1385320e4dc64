package io.devlaunch.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The in-process tests spawn through the same NuProcess layout as {@code bin/devlaunch}: a pump
 * thread shared by every child is what made a stalled console stall exits, and a test run with
 * one pump per core could not see it. pom.xml sets these for surefire and failsafe.
 */
class PumpSettingsTest {
    @Test
    void theTestJvmRunsNuProcessAsTheProductDoes() {
        PumpSettings.PROPERTIES.forEach((key, value) ->
                assertEquals(value, System.getProperty(key), key + ": pom.xml's surefire/failsafe systemPropertyVariables "
                        + "must match io.devlaunch.process.PumpSettings"));
    }
}
