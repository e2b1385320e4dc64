package io.devlaunch.process;

import com.sun.jna.Memory;
import java.lang.reflect.Field;

/**
 * Lets the JVM exit at once after a run that spawned children. At exit the JVM waits, in 10 ms steps
 * up to 300 ms, for every thread in native code to return to Java; NuProcess's pump thread sits in
 * {@code epoll_wait} for up to its 100 ms poll interval, so every {@code up} ended ~50 ms (up to
 * 100) late — a third of a short {@code up}. Adding an always-ready eventfd to the pump's epoll set
 * makes each of its waits return at once until the exit's safepoint stops it; it handles an event on
 * an fd it does not know by ignoring it. Call it only right before {@code System.exit}: the pump
 * spins from here to there. Nothing happens when NuProcess never started (its thread is absent), or
 * when its internals are not what this expects (another version): the exit is then merely slower.
 */
public final class ExitWake {
    private ExitWake() {}

    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLLIN = 1;
    private static final int EFD_CLOEXEC = 0x80000;

    public static void beforeExit() {
        if (io.devlaunch.Os.current() != io.devlaunch.Os.LINUX || !pumpRunning()) return;
        try {
            java.util.List<Integer> epolls = pumpEpollFds();
            if (epolls.isEmpty()) return;
            int ready = LibC.get().eventfd(1, EFD_CLOEXEC);     // counter 1: readable from the start, never read
            if (ready < 0) return;
            Memory event = new Memory(16);                          // struct epoll_event, packed or not
            event.setMemory(0, 16, (byte) -1);                      // data: fd -1, which no process owns
            event.setInt(0, EPOLLIN);
            for (int epoll : epolls) LibC.get().epoll_ctl(epoll, EPOLL_CTL_ADD, ready, event);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not the NuProcess this was written for: exit the slow way
        }
    }

    /**
     * The epoll descriptors of NuProcess's pumps, read from its internals (3.0.x:
     * {@code BasePosixProcess.processors[i].epoll}). Package-private for the test that fails
     * loudly when a NuProcess upgrade moves them.
     */
    static java.util.List<Integer> pumpEpollFds() throws ReflectiveOperationException {
        Class<?> base = Class.forName("com.zaxxer.nuprocess.internal.BasePosixProcess");
        Field processors = base.getDeclaredField("processors");
        processors.setAccessible(true);
        Object[] all = (Object[]) processors.get(null);
        java.util.List<Integer> fds = new java.util.ArrayList<>();
        if (all == null) return fds;
        for (Object p : all) {
            if (p == null) continue;
            Field epoll = p.getClass().getDeclaredField("epoll");
            epoll.setAccessible(true);
            fds.add(epoll.getInt(p));
        }
        return fds;
    }

    /** NuProcess's pump thread exists only once a child was spawned; its classes are not touched before. */
    private static boolean pumpRunning() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) g = g.getParent();
        Thread[] threads = new Thread[g.activeCount() + 8];
        int n = g.enumerate(threads);
        for (int i = 0; i < n; i++) {
            if (threads[i].getName().startsWith("NuProcess")) return true;
        }
        return false;
    }
}
