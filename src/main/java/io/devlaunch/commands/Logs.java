package io.devlaunch.commands;

import io.devlaunch.ExitCodes;
import io.devlaunch.lines.LineBatch;
import io.devlaunch.manifest.Manifest;
import io.devlaunch.manifest.ServiceNames;
import io.devlaunch.output.Console;
import io.devlaunch.output.Palette;
import io.devlaunch.output.RotatingLogReader;
import io.devlaunch.output.Terminal;
import io.devlaunch.runstate.StateFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code devlaunch logs}: the services' log files, merged by time and prefixed like {@code up}.
 * With {@code follow}, keeps printing what is appended — across restarts, since a restarted
 * service appends to the same file, and across rotations — and starts over when a file is cleaned away.
 */
public final class Logs {
    static final int STAMP = 24;                 // "2026-11-25 14:03:07.123 "
    private static final long POLL_NANOS = 200_000_000L;

    /** @param timestamps show each line's time */
    public record Options(List<String> services, int lines, boolean follow, boolean timestamps) {}

    private record Line(String service, String stamp, String text) {}

    private final Manifest manifest;
    private final Terminal terminal;
    private final Options options;

    public Logs(Manifest manifest, Terminal terminal, Options options) {
        this.manifest = manifest;
        this.terminal = terminal;
        this.options = options;
    }

    public int run() {
        List<String> names = options.services().isEmpty() ? manifest.startOrder() : options.services();
        ServiceNames.requireKnown(manifest, names);
        Path dir = StateFolder.of(manifest).logs();
        Map<String, RotatingLogReader> followers = new LinkedHashMap<>();
        List<Line> first = new ArrayList<>();
        for (String s : names) {
            Path f = dir.resolve(s + ".log");
            followers.put(s, new RotatingLogReader(f));
            for (String raw : RotatingLogReader.tail(f, options.lines())) first.add(parse(s, raw));
        }
        if (first.isEmpty() && !options.follow()) {
            terminal.err().println("devlaunch: no logs yet in " + dir + "; they appear once `devlaunch up` has run");
            return ExitCodes.OK;
        }
        try (Console console = Console.lossless(terminal, manifest.startOrder(), false)) {
            print(console, first);
            Set<String> failing = new HashSet<>();
            while (options.follow() && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(POLL_NANOS);
                List<Line> fresh = new ArrayList<>();
                for (String s : names) fresh.addAll(readNew(s, dir.resolve(s + ".log"), followers.get(s), failing));
                print(console, fresh);
            }
        } finally {
            followers.values().forEach(RotatingLogReader::close);
        }
        return ExitCodes.OK;
    }

    private void print(Console console, List<Line> lines) {
        lines.sort(Comparator.comparing(Line::stamp));      // stable: one service's lines keep their order
        List<String> all = manifest.startOrder();
        for (Line l : lines) {
            String text = options.timestamps() && l.stamp().length() >= 23 ? l.stamp().substring(11,
                    23) + " " + l.text() : l.text();
            console.print(l.service(), Palette.forService(all.indexOf(l.service())), LineBatch.of(List.of(text)));
        }
    }

    private static Line parse(String service, String raw) {
        boolean stamped = raw.length() >= STAMP && raw.charAt(4) == '-' && raw.charAt(19) == '.';
        return stamped ? new Line(service, raw.substring(0, STAMP - 1), raw.substring(STAMP)) : new Line(service, "",
                raw);
    }

    /** New complete lines of one service's files; on a read error the position stays, and the user is told once. */
    private List<Line> readNew(String service, Path f, RotatingLogReader follower, Set<String> failing) {
        try {
            List<String> lines = follower.readNew();
            failing.remove(service);
            List<Line> out = new ArrayList<>(lines.size());
            for (String raw : lines) out.add(parse(service, raw));
            return out;
        } catch (IOException e) {
            if (failing.add(service)) {
                terminal.err().println("devlaunch: cannot read " + f + " (" + e.getMessage() + "); still following, "
                        + "from where it stopped");
            }
            return List.of();
        }
    }
}
