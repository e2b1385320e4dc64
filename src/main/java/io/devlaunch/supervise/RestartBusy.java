package io.devlaunch.supervise;

/** A restart refused because another one is running: the caller may ask again once it is done. */
public final class RestartBusy extends IllegalStateException {
    RestartBusy() {
        super("another restart is in progress");
    }
}
