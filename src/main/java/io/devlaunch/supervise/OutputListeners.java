package io.devlaunch.supervise;

import io.devlaunch.lines.LineBatch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every registered {@link OutputListener}, heard in turn on the child's pump thread. One that
 * throws (a bug: they are documented never to) loses those lines, not the others' — and is
 * reported once, not silently dropped, nor once per line.
 */
final class OutputListeners implements OutputListener {
    private final List<OutputListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<OutputListener> reported = ConcurrentHashMap.newKeySet();
    private final Consumer<String> say;

    /** @param say where the one report goes (the console) */
    OutputListeners(Consumer<String> say) {
        this.say = say;
    }

    void add(OutputListener l) {
        listeners.add(l);
    }

    @Override
    public void onLines(String service, boolean stderr, LineBatch lines) {
        for (OutputListener l : listeners) {
            try {
                l.onLines(service, stderr, lines);
            } catch (RuntimeException e) {
                if (reported.add(l)) {
                    say.accept("internal error passing " + service + "'s output to " + l.getClass().getSimpleName()
                            + " (" + e
                            + "); it misses those lines, the console and the log file do not (a bug; please report it)");
                }
            }
        }
    }
}
