package io.devlaunch.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One client's bounded queue: lines beyond it are skipped and counted, the answer always gets through. */
class OutboxTest {
    private static List<Protocol.Reply> drain(Outbox o) {
        List<Protocol.Reply> all = new ArrayList<>();
        for (List<Protocol.Reply> r; !(r = o.take(1000)).isEmpty(); ) all.addAll(r);
        return all;
    }

    @Test
    void aClientThatFallsBehindIsToldHowManyLinesItMissed() {
        Outbox o = new Outbox(10 * (10 + 64));      // room for ten 10-char lines
        assertTrue(o.line("line-00001"), "the first line wakes the writer");
        assertFalse(o.line("line-00002"), "later ones find it awake");
        for (int i = 3; i <= 100; i++) o.line(String.format("line-%05d", i));
        List<Protocol.Reply> first = o.take(3 * (10 + 64));
        assertEquals(List.of(new Protocol.Line("line-00001"), new Protocol.Line("line-00002"), new Protocol.Line("line-00003")), first);
        o.line("line-00101");       // dropped: still above half full
        for (int i = 0; i < 5; i++) o.take(10 + 64);
        o.line("line-00102");       // below half now: kept, after the note
        o.done(new Protocol.Done(true, "restarted"));
        assertFalse(o.line("too late"));
        List<Protocol.Reply> rest = drain(o);
        assertEquals(List.of(new Protocol.Line("line-00009"), new Protocol.Line("line-00010"),
                new Protocol.Line("devlaunch | … 91 lines skipped: this terminal did not keep up (`devlaunch logs` has every line)"),
                new Protocol.Line("line-00102"), new Protocol.Done(true, "restarted")), rest);
        assertTrue(o.drained());
    }

    @Test
    void theAnswerGetsThroughAFullQueueAfterTheNote() {
        Outbox o = new Outbox(2 * (10 + 64));
        for (int i = 1; i <= 5; i++) o.line(String.format("line-%05d", i));
        o.done(new Protocol.Done(false, "web did not come back"));
        assertEquals(List.of(new Protocol.Line("line-00001"), new Protocol.Line("line-00002"),
                new Protocol.Line("devlaunch | … 3 lines skipped: this terminal did not keep up (`devlaunch logs` has every line)"),
                new Protocol.Done(false, "web did not come back")), drain(o));
    }

    @Test
    void keepAlivesOnlyFillSilenceAndAClosedOutboxTakesNothing() {
        Outbox o = new Outbox(1000);
        assertTrue(o.alive());
        assertFalse(o.alive(), "one is waiting already");
        o.close();
        assertFalse(o.line("gone"));
        assertEquals(List.of(), drain(o));
        assertTrue(o.answered());
    }
}
