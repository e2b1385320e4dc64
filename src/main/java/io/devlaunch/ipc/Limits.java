package io.devlaunch.ipc;

import java.time.Duration;

/**
 * What one control connection may cost the supervisor. The socket is owner-only, so these guard
 * against broken or stuck clients (a paused {@code restart | less}, a script that connects and
 * never writes), not against strangers — but a broken client must never stall the supervisor.
 *
 * @param requestDeadline from connect to a complete request line; an idle peer is answered and closed after it
 * @param maxRequestBytes a request is one short JSON line; longer is refused before any parser sees it
 * @param maxConnections open at once; more are told the supervisor is busy (idle peers cost no thread, only this slot)
 * @param workers threads running requests at once, more wait their turn (a restart holds one until done, and the
 *                supervisor runs one restart at a time, so the others are short)
 * @param keepAlive a working request sends {@code alive} after this much silence, so the client can time out on silence
 * @param outboxChars console lines queued for one client that is not reading; beyond it lines are skipped and counted
 * @param stallLimit a client that takes no bytes this long while some are waiting is disconnected
 * @param linger after refusing an over-long request, how long its remaining bytes are read and dropped so the refusal arrives
 */
record Limits(Duration requestDeadline, int maxRequestBytes, int maxConnections, int workers, Duration keepAlive,
              int outboxChars, Duration stallLimit, Duration linger) {

    static final Limits DEFAULT = new Limits(Duration.ofSeconds(5), 64 * 1024, 128, 8, Duration.ofSeconds(2),
            256 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(2));

    Limits withRequestDeadline(Duration d) {
        return new Limits(d, maxRequestBytes, maxConnections, workers, keepAlive, outboxChars, stallLimit, linger);
    }

    Limits withMaxConnections(int n) {
        return new Limits(requestDeadline, maxRequestBytes, n, workers, keepAlive, outboxChars, stallLimit, linger);
    }

    Limits withKeepAlive(Duration d) {
        return new Limits(requestDeadline, maxRequestBytes, maxConnections, workers, d, outboxChars, stallLimit, linger);
    }

    Limits withStallLimit(Duration d) {
        return new Limits(requestDeadline, maxRequestBytes, maxConnections, workers, keepAlive, outboxChars, d, linger);
    }
}
