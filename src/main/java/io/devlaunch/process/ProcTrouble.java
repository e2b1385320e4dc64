package io.devlaunch.process;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Says, once per cause, that {@code /proc} could not be read and what that means for the services:
 * nothing — an unknown is never read as "exited", so nothing is killed or restarted for it. Repeating
 * it on every failed read (the leader check runs many times a second) would bury the console.
 */
final class ProcTrouble {
    private final Set<String> said = ConcurrentHashMap.newKeySet();
    private volatile Consumer<String> sink = message -> { };

    void sendTo(Consumer<String> sink) {
        this.sink = sink;
    }

    void report(IOException e) {
        String why = Descriptors.describe(e);
        if (said.add(why)) {
            sink.accept("cannot read /proc: " + Descriptors.withHint(why + " — services keep running; none is taken"
                    + " for exited or killed while it cannot be read"));
        }
    }
}
