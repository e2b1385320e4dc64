package io.devlaunch.ipc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control channel's entries in the supervisor's own log (SLF4J; stderr, which is
 * {@code .devlaunch/logs/supervisor.log} for {@code up -d}). Every refused request is recorded,
 * but a flood of them (a script gone wrong, a fuzzer) is summarised: the log is written
 * synchronously, and the channel's I/O thread must not spend its time there.
 */
final class ControlLog {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final int PER_WINDOW = 20;
    private static final long WINDOW_NANOS = 60_000_000_000L;

    private long windowStart = System.nanoTime();
    private int inWindow;
    private long suppressed;

    /** A client's mistake or misbehaviour: answered to it, recorded here. */
    void refused(String what) {
        if (admit()) LOG.warn("control socket: {}", printable(what));
    }

    /** A bug: a request's handler failed. The stack trace is logged, except a stack overflow's thousand identical frames. */
    void failed(String what, Throwable t) {
        if (!admit()) return;
        if (t instanceof StackOverflowError) {
            StackTraceElement[] top = t.getStackTrace();
            LOG.error("control socket: {} (a bug; please report it): {} at {}", printable(what), t, top.length > 0 ? top[0] : "?");
        } else {
            LOG.error("control socket: {} (a bug; please report it)", printable(what), t);
        }
    }

    /** A bug with no exception to show. */
    void bug(String what) {
        if (admit()) LOG.error("control socket: {} (a bug; please report it)", printable(what));
    }

    /** What a client sent may be quoted here, and this log is often a terminal: no escape sequences or line breaks of theirs. */
    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private synchronized boolean admit() {
        long now = System.nanoTime();
        if (now - windowStart > WINDOW_NANOS) {
            if (suppressed > 0) LOG.warn("control socket: {} more refused requests in the last minute were not logged", suppressed);
            windowStart = now;
            inWindow = 0;
            suppressed = 0;
        }
        if (inWindow++ < PER_WINDOW) return true;
        suppressed++;
        return false;
    }
}
