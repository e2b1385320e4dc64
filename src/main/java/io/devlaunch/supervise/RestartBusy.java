package io.devlaunch.supervise;

/** A restart, stop or start refused because another one is running: the caller may ask again once it is done. */
public final class RestartBusy extends IllegalStateException {
    RestartBusy(String running) {
        super("another " + running + " is in progress");
    }
}
