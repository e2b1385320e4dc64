package io.devlaunch.ports;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Windows: {@code netstat -ano -p TCP} and {@code -p TCPv6}. The state column is localised
 * ("LISTENING", "ABHÖREN", …), so a listener is recognised by its foreign address
 * ({@code 0.0.0.0:0} or {@code [::]:0}) instead; the PID is the last column.
 */
final class NetstatPortOwners implements PortOwners {

    @Override
    public List<PortHolder> holders(int port) {
        List<PortHolder> out = new ArrayList<>();
        for (String proto : List.of("TCP", "TCPv6")) {
            try {
                Process p = new ProcessBuilder("netstat", "-ano", "-p", proto).start();
                String text = new String(p.getInputStream().readAllBytes(), Charset.defaultCharset());
                p.waitFor(5, TimeUnit.SECONDS);
                out.addAll(parse(text, port));
            } catch (IOException e) {
                return new BindProbePortOwners().holders(port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
        return out;
    }

    static List<PortHolder> parse(String output, int port) {
        List<PortHolder> out = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        for (String line : output.split("\r?\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].startsWith("TCP")) continue;
            String local = f[1];
            String foreign = f[2];
            if (!foreign.equals("0.0.0.0:0") && !foreign.equals("[::]:0")) continue;
            int colon = local.lastIndexOf(':');
            if (colon < 0 || !local.substring(colon + 1).equals(Integer.toString(port))) continue;
            long pid;
            try {
                pid = Long.parseLong(f[f.length - 1]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (!seen.add(pid)) continue;
            String address = local.substring(0, colon).replace("[", "").replace("]", "");
            if (pid == 0 || pid == 4) {        // the System process: http.sys and friends, not ours to stop
                out.add(new PortHolder(port, address, Optional.of(pid), "System (kernel, e.g. http.sys)", "SYSTEM", Optional.empty()));
                continue;
            }
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            out.add(new PortHolder(port, address, Optional.of(pid),
                    h.flatMap(x -> x.info().commandLine().or(() -> x.info().command())).orElse(""),
                    h.flatMap(x -> x.info().user()).orElse(""), h.flatMap(x -> x.info().startInstant())));
        }
        return out;
    }
}
