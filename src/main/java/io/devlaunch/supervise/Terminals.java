package io.devlaunch.supervise;

import io.devlaunch.output.Console;
import io.devlaunch.process.ChildProcess;
import io.devlaunch.process.PseudoTerminal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pseudo-terminals of a run's interactive services, by service: what {@code devlaunch attach}
 * connects to. A service's terminal is replaced at each start; followers (attached clients) hear
 * of every new one, so an attach outlives a restart. The last window size any client sent is kept
 * and given to each new instance. Thread-safe: instances arrive on the loop, followers on the
 * control socket's threads.
 */
public final class Terminals {
    /** An attached client: told of the current instance at once (if one runs) and of each new one. */
    public interface Follower {
        /** @param restarted false for the instance running when the client attached */
        void instance(PseudoTerminal terminal, long pid, boolean restarted);
    }

    private static final class Slot {
        volatile PseudoTerminal terminal;
        volatile long pid;
        volatile int rows;
        volatile int columns;
        final List<Follower> followers = new CopyOnWriteArrayList<>();
    }

    private final Console console;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<String>> waitingListeners = new CopyOnWriteArrayList<>();

    Terminals(Console console) {
        this.console = console;
    }

    /** A new instance of {@code service} runs on a terminal: prompts are said on the console, followers move to it. */
    void instance(String service, ChildProcess child) {
        PseudoTerminal t = child.terminal();
        if (t == null) return;
        Slot s = slot(service);
        if (s.rows > 0) t.resize(s.rows, s.columns);
        t.addViewer(new PseudoTerminal.Viewer() {
            private boolean waiting;        // the reader thread's own

            @Override
            public void output(byte[] bytes) {
                if (!waiting) return;
                waiting = false;
                waitingListeners.forEach(l -> l.accept(service));
            }

            @Override
            public void prompt() {
                waiting = true;
                console.say(service, "is waiting for input — devlaunch attach " + service);
                waitingListeners.forEach(l -> l.accept(service));
            }
        });
        s.pid = child.pid();
        s.terminal = t;
        for (Follower f : s.followers) f.instance(t, child.pid(), true);
    }

    /** Follows {@code service}'s terminals until the returned handle is run. */
    public Runnable follow(String service, Follower f) {
        Slot s = slot(service);
        s.followers.add(f);
        PseudoTerminal t = s.terminal;
        if (t != null) f.instance(t, s.pid, false);
        return () -> s.followers.remove(f);
    }

    /** A client's window size: applied now and to the service's later instances. */
    public void resize(String service, int rows, int columns) {
        Slot s = slot(service);
        s.rows = rows;
        s.columns = columns;
        PseudoTerminal t = s.terminal;
        if (t != null) t.resize(rows, columns);
    }

    /**
     * {@code listener} hears the name of a service that began or stopped waiting at a prompt (on
     * the terminal's reader thread: it must not block), e.g. for the dashboard to mark its row.
     */
    public void onWaitingChanged(java.util.function.Consumer<String> listener) {
        waitingListeners.add(listener);
    }

    /** True while {@code service} sits at a prompt, waiting for someone to attach and answer. */
    public boolean waitingForInput(String service) {
        Slot s = slots.get(service);
        PseudoTerminal t = s == null ? null : s.terminal;
        return t != null && t.waitingForInput();
    }

    private Slot slot(String service) {
        return slots.computeIfAbsent(service, k -> new Slot());
    }
}
