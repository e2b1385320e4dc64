package io.devlaunch.watch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * An OVERFLOW means events for a folder were dropped (the kernel's queue, or the JDK's 512 events
 * per key, which a `git checkout` into one folder can exceed). Rather than lose them, look again:
 * new sub-folders are registered (and their files reported), and files modified since the
 * service's last batch are reported. A deletion leaves no file to find, so when nothing qualifies
 * the folder itself is reported: something changed there, and saying so beats staying silent.
 */
final class Rescan {
    /** File times can trail the wall clock by a tick of the kernel's coarse clock. */
    private static final long SLACK_MILLIS = 20;

    private Rescan() {}

    static void overflow(Folders watcher, Watching w, Path dir, long now) {
        long since = w.quietSinceMillis - SLACK_MILLIS;
        boolean found = false;
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                BasicFileAttributes a = Watching.attributes(child);
                if (a == null) continue;
                if (a.isDirectory()) {
                    if (!w.dirs.contains(child) && !w.ignored(child, true) && w.descend(child)) {
                        watcher.register(w, child, true, now);
                        found = true;
                    }
                } else if (!w.ignored(child, false) && w.matches(child)
                        && a.lastModifiedTime().toMillis() >= since) {
                    w.changed(child, now);
                    found = true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The folder went away; its own invalid key (or its parent's DELETE) accounts for it.
        }
        // A kernel overflow reaches every folder at once: one folder named is enough to say so.
        if (!found && !w.hasPending()) w.changed(dir, now);
    }
}
