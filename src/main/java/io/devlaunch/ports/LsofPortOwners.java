package io.devlaunch.ports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * macOS (and other BSDs): {@code lsof -nP -iTCP:PORT -sTCP:LISTEN -FpcLn}, field output that needs
 * no column guessing. Without root lsof sees only this user's processes; a port that cannot be
 * bound but shows no owner is reported as held by someone unseen.
 */
final class LsofPortOwners implements PortOwners {

    @Override
    public List<PortHolder> holders(int port) {
        try {
            Process p = new ProcessBuilder("lsof", "-nP", "-iTCP:" + port, "-sTCP:LISTEN", "-FpcLn").redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            List<PortHolder> found = parse(out, port);
            if (found.isEmpty() && !new BindProbePortOwners().holders(port).isEmpty()) return List.of(PortHolder.unknownOwner(port, "*"));
            return found;
        } catch (IOException e) {
            return new BindProbePortOwners().holders(port);     // no lsof: say at least that it is taken
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** Parses lsof's {@code -F} output: lines starting p (pid), c (command), L (login), n (name). */
    static List<PortHolder> parse(String output, int port) {
        List<PortHolder> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        long pid = -1;
        String command = "";
        String user = "";
        for (String line : output.split("\n")) {
            if (line.isEmpty()) continue;
            char field = line.charAt(0);
            String value = line.substring(1).trim();
            switch (field) {
                case 'p' -> {
                    pid = Long.parseLong(value);
                    command = "";
                    user = "";
                }
                case 'c' -> command = value;
                case 'L' -> user = value;
                case 'n' -> {
                    if (pid > 0 && seen.add(pid)) {
                        String address = value.substring(0, value.lastIndexOf(':'));
                        long p = pid;
                        String full = ProcessHandle.of(p).flatMap(h -> h.info().commandLine()).orElse(command);
                        out.add(new PortHolder(port, address, Optional.of(pid), full, user,
                                ProcessHandle.of(p).flatMap(h -> h.info().startInstant())));
                    }
                }
                default -> { }
            }
        }
        return out;
    }
}
