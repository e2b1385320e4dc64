package io.devlaunch.cli;

import io.devlaunch.control.DevLaunchException;

/** Commands whose issue has not landed say so plainly instead of pretending to work. */
final class NotBuiltYet {
    private NotBuiltYet() {}

    static DevLaunchException command(String name, String instead) {
        return DevLaunchException.failed("`devlaunch " + name + "` is not available in this version yet. " + instead);
    }
}
