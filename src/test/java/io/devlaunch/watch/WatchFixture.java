package io.devlaunch.watch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A callback that records batches, plus small file helpers and an inotify watch counter. */
final class WatchFixture implements Consumer<ChangeBatch> {
    final List<ChangeBatch> batches = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ChangeBatch b) {
        batches.add(b);
    }

    int count() {
        return batches.size();
    }

    /** Every path of every batch so far. */
    Set<String> all() {
        Set<String> out = new TreeSet<>();
        for (ChangeBatch b : batches) out.addAll(b.paths());
        return out;
    }

    static final Duration FAST = Duration.ofMillis(100);

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
        }
    }

    /** Watches held by this process's inotify instances, read from /proc/self/fdinfo (Linux). */
    static int inotifyWatches() throws IOException {
        int n = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (!Files.readSymbolicLink(fd).toString().contains("inotify")) continue;
                    for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                        if (line.startsWith("inotify wd:")) n++;
                    }
                } catch (IOException e) {
                    // an fd closed while listing
                }
            }
        }
        return n;
    }
}
