package io.devlaunch.process;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl+C and SIGTERM during {@code up}: the first asks for a graceful stop, a second Ctrl+C for an
 * immediate kill. Replacing the JVM's default handlers keeps shutdown under our control.
 */
@SuppressWarnings("sunapi")
public final class Interrupts {
    private Interrupts() {}

    public static void install(Runnable graceful, Runnable force) {
        AtomicInteger count = new AtomicInteger();
        sun.misc.SignalHandler handler = sig -> {
            if (count.incrementAndGet() == 1 || !"INT".equals(sig.getName())) graceful.run();
            else force.run();
        };
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), handler);
            } catch (IllegalArgumentException e) {
                // not on this OS (HUP on Windows)
            }
        }
    }
}
