package io.devlaunch.process;

import java.time.Instant;
import java.util.Optional;

/**
 * A process as PID plus start time, so a PID the OS has since reused is never mistaken for ours.
 * Start times are compared within a second: they derive from boot time, which a clock step can shift.
 */
public record ProcessIdentity(long pid, long startMillis) {
    private static final long TOLERANCE_MS = 1000;

    public static Optional<ProcessIdentity> of(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessIdentity::of);
    }

    public static Optional<ProcessIdentity> of(ProcessHandle h) {
        return h.info().startInstant().map(t -> new ProcessIdentity(h.pid(), t.toEpochMilli()));
    }

    /** The live process this identity names, or empty if it ended (even if its PID now belongs to another). */
    public Optional<ProcessHandle> live() {
        // A zombie looks alive to ProcessHandle but has nothing left to stop (and its parent may never reap it).
        try {
            if (ProcFs.system().available() && ProcFs.system().gone(pid)) return Optional.empty();
        } catch (java.io.IOException e) {
            // /proc unreadable: not an answer; the JDK's own look below decides
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(t -> Math.abs(t.toEpochMilli() - startMillis) <= TOLERANCE_MS).orElse(false));
    }

    public Instant startedAt() {
        return Instant.ofEpochMilli(startMillis);
    }
}
