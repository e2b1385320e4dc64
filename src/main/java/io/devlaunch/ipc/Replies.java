package io.devlaunch.ipc;

/** A request's way back to its client. Never blocks (it only queues in memory); safe from any thread. */
interface Replies {
    /** A console line for the client to show. */
    void line(String text);

    /** Bytes of an attached terminal; skipped (and counted) when the client falls far behind. */
    void output(byte[] bytes);

    /**
     * The request becomes an attach: from now on the client's lines go to {@code stream}, until
     * either side ends it ({@link #done}, or the client closing). Counts as answered for the request.
     */
    void attach(Attached stream);

    /** An attached client's stream. Called on the channel's I/O thread: must not block. */
    interface Attached {
        /** One line the client sent. */
        void input(String line);

        /** The client is gone (or the supervisor is closing): nothing more comes or goes. */
        void closed();
    }

    /** The final answer; anything after it is ignored. */
    void done(boolean ok, String message);
}
