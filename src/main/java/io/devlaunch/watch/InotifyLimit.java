package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Recognises and explains Linux's per-user limit on inotify watches (ENOSPC from inotify_add_watch). */
final class InotifyLimit {
    static final String SYSCTL = "fs.inotify.max_user_watches";
    static final Path PROC = Path.of("/proc/sys/fs/inotify/max_user_watches");

    private InotifyLimit() {}

    /** The JDK says "User limit of inotify watches reached"; other paths may surface ENOSPC's text. */
    static boolean is(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("inotify watches") || m.contains("no space left");
    }

    static String message(int watched, long pollEveryNanos) {
        String limit;
        try {
            limit = Files.readString(PROC).strip();
        } catch (IOException | RuntimeException e) {
            limit = "?";
        }
        long every = Math.max(1, Duration.ofNanos(pollEveryNanos).toSeconds());
        return "file watching reached the system's limit of inotify watches (" + SYSCTL + " = " + limit
                + ", shared by all of this user's programs) after " + watched + " folders. devlaunch keeps"
                + " watching those and checks the other folders for changes every " + every + " s instead"
                + " (changes there are seen later and cost some CPU). To raise the limit now: sudo sysctl "
                + SYSCTL + "=524288; to keep it after a reboot: echo " + SYSCTL
                + "=524288 | sudo tee /etc/sysctl.d/60-inotify-watches.conf. Adding big generated folders"
                + " to watch-ignore also helps.";
    }
}
