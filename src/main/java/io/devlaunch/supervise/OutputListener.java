package io.devlaunch.supervise;

import io.devlaunch.lines.LineBatch;

/**
 * Hears every batch of output lines of every service (and of its before-start steps), e.g. the
 * dashboard's log rings. Called on the child's output pump thread, after the console and the log
 * file got the batch, in the order the child wrote it. It <b>must never block and never throw</b>:
 * while it runs, that child's output waits — copy what you need and hand it off.
 */
public interface OutputListener {
    /** @param stderr the lines came from the child's standard error */
    void onLines(String service, boolean stderr, LineBatch lines);
}
