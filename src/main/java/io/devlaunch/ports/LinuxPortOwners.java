package io.devlaunch.ports;

import io.devlaunch.process.ProcFs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Linux: LISTEN sockets from {@code /proc/net/tcp} and {@code tcp6} (both: a Java server bound to
 * 127.0.0.1 shows up in tcp6 as ::ffff:127.0.0.1), mapped to PIDs through {@code /proc/PID/fd}.
 * Several PIDs can share one socket (forked workers); all are reported.
 */
public final class LinuxPortOwners implements PortOwners {
    private final ProcFs proc;

    public LinuxPortOwners() {
        this(ProcFs.system());
    }

    LinuxPortOwners(ProcFs proc) {
        this.proc = proc;
    }

    @Override
    public List<PortHolder> holders(int port) {
        List<ProcNetTcp.Listener> listeners = listeners().stream().filter(l -> l.port() == port).toList();
        if (listeners.isEmpty()) return List.of();
        Map<Long, List<Long>> pidsByInode = pidsOwning(listeners.stream().map(ProcNetTcp.Listener::inode).toList(), null);
        List<PortHolder> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ProcNetTcp.Listener l : listeners) {
            List<Long> pids = pidsByInode.getOrDefault(l.inode(), List.of());
            if (pids.isEmpty()) out.add(PortHolder.unknownOwner(port, l.address()));
            for (long pid : pids) if (seen.add(pid)) out.add(holder(port, l.address(), pid));
        }
        return out;
    }

    @Override
    public Map<Integer, String> portsOf(Set<Long> pids) {
        List<ProcNetTcp.Listener> listeners = listeners();
        Map<Long, ProcNetTcp.Listener> byInode = new HashMap<>();
        for (ProcNetTcp.Listener l : listeners) byInode.put(l.inode(), l);
        Map<Long, List<Long>> owned = pidsOwning(byInode.keySet(), pids);
        Map<Integer, String> out = new java.util.TreeMap<>();
        owned.keySet().forEach(inode -> out.put(byInode.get(inode).port(), byInode.get(inode).address()));
        return out;
    }

    @Override
    public boolean isListening(int port) {
        // The socket tables alone: no walk over every process's descriptors (the slow part of holders()).
        return listeners().stream().anyMatch(l -> l.port() == port);
    }

    List<ProcNetTcp.Listener> listeners() {
        List<ProcNetTcp.Listener> out = new ArrayList<>();
        // tcp6 is absent when IPv6 is disabled
        for (String f : List.of("net/tcp", "net/tcp6")) {
            try {
                proc.read(f).ifPresent(t -> out.addAll(ProcNetTcp.parseListeners(t)));
            } catch (java.io.IOException e) {
                // unreadable (out of descriptors): no listener found, so no holder is stopped or named
            }
        }
        return out;
    }

    /** inode → PIDs holding it, scanning {@code onlyPids} or every process we may read. */
    private Map<Long, List<Long>> pidsOwning(java.util.Collection<Long> inodes, Set<Long> onlyPids) {
        Set<String> wanted = new HashSet<>();
        for (long inode : inodes) wanted.add("socket:[" + inode + "]");
        Map<Long, List<Long>> out = new HashMap<>();
        if (wanted.isEmpty()) return out;
        java.util.Collection<Long> scanned;
        try {
            scanned = onlyPids != null ? onlyPids : proc.pids();
        } catch (java.io.IOException e) {
            return out;     // unreadable: no holder found, so none is stopped
        }
        for (long pid : scanned) {
            for (String target : proc.fdTargets(pid)) {
                if (!wanted.contains(target)) continue;
                long inode = Long.parseLong(target.substring(8, target.length() - 1));
                List<Long> pids = out.computeIfAbsent(inode, k -> new ArrayList<>());
                if (!pids.contains(pid)) pids.add(pid);
            }
        }
        return out;
    }

    private static PortHolder holder(int port, String address, long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        ProcessHandle.Info info = h.map(ProcessHandle::info).orElse(null);
        String command = info == null ? "" : info.commandLine().orElse(info.command().orElse(""));
        String user = info == null ? "" : info.user().orElse("");
        return new PortHolder(port, address, Optional.of(pid), command, user,
                info == null ? Optional.empty() : info.startInstant());
    }
}
