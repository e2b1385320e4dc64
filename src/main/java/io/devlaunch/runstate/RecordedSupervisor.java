package io.devlaunch.runstate;

import io.devlaunch.process.ProcessIdentity;
import java.util.Optional;

/**
 * Is a supervisor running for this project? The one answer every command uses: the record's PID
 * *and* start time must match a live process (a zombie is dead; a reused PID is someone else),
 * and for the commands that stop it, never this process itself ({@link #notSelf()}).
 *
 * @param recorded the supervisor record, alive or not
 * @param live     the recorded supervisor, when it still runs
 */
public record RecordedSupervisor(Optional<ProcessIdentity> recorded, Optional<ProcessIdentity> live) {

    public static RecordedSupervisor read(RunRecords records) {
        Optional<ProcessIdentity> rec = records.readSupervisor();
        return new RecordedSupervisor(rec, rec.filter(r -> r.live().isPresent()));
    }

    /** The same, except that this process does not count as running: {@code up} and {@code clean} never stop themselves. */
    public RecordedSupervisor notSelf() {
        long self = ProcessHandle.current().pid();
        return new RecordedSupervisor(recorded, live.filter(r -> r.pid() != self));
    }

    public boolean running() {
        return live.isPresent();
    }

    /** A record whose supervisor is gone: it was killed, or crashed, without cleaning up. */
    public boolean leftBehind() {
        return recorded.isPresent() && live.isEmpty();
    }

    /** The recorded PID, or -1 without a record. */
    public long pid() {
        return recorded.map(ProcessIdentity::pid).orElse(-1L);
    }
}
