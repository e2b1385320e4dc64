package io.devlaunch.supervise;

import io.devlaunch.output.LineBatch;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every registered {@link OutputListener}, heard in turn on the child's pump thread. */
final class OutputListeners implements OutputListener {
    private final List<OutputListener> listeners = new CopyOnWriteArrayList<>();

    void add(OutputListener l) {
        listeners.add(l);
    }

    @Override
    public void onLines(String service, boolean stderr, LineBatch lines) {
        for (OutputListener l : listeners) {
            try {
                l.onLines(service, stderr, lines);
            } catch (RuntimeException e) {
                // Documented never to throw; one that does must not keep the others from the lines (the console has them).
            }
        }
    }
}
