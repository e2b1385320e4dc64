package io.devlaunch.commands;

import io.devlaunch.process.ExitWake;
import io.devlaunch.process.PumpSettings;

/**
 * What every devlaunch JVM does around its command: NuProcess's pump layout before any child is
 * spawned, and waking its pump at the end so the exit does not wait for its poll. The entry point
 * (cli) calls these; the settings themselves are the process layer's, which the CLI does not import.
 */
public final class JvmHooks {
    private JvmHooks() {}

    /** Before the first use of NuProcess: it reads these settings once, when its classes load. */
    public static void beforeFirstUse() {
        PumpSettings.apply();
    }

    /** Last thing before {@code System.exit}: else the exit waits up to 100 ms for NuProcess's pump. */
    public static void beforeExit() {
        ExitWake.beforeExit();
    }
}
