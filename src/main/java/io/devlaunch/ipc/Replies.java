package io.devlaunch.ipc;

/** A request's way back to its client. Never blocks (it only queues in memory); safe from any thread. */
interface Replies {
    /** A console line for the client to show. */
    void line(String text);

    /** The final answer; anything after it is ignored. */
    void done(boolean ok, String message);
}
