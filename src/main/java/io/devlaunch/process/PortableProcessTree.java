package io.devlaunch.process;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Elsewhere (macOS, Windows) until native versions land: the tree is the child plus its current
 * descendants as the JDK sees them. SIGTERM maps to {@code destroy()}, anything stronger to
 * {@code destroyForcibly()}.
 */
final class PortableProcessTree implements ProcessTree {

    @Override
    public List<String> wrap(List<String> argv) {
        return argv;
    }

    @Override
    public boolean startsNewSession() {
        return false;
    }

    @Override
    public boolean leadsOwnGroup(long pid) {
        return false;
    }

    @Override
    public void signal(long pid, boolean ownGroup, PosixSignal signal) {
        for (ProcessHandle h : handles(pid)) {
            if (signal == PosixSignal.KILL) h.destroyForcibly();
            else h.destroy();
        }
    }

    @Override
    public void signalSession(long sid, PosixSignal signal) {
        // no sessions to go by: the JDK reaps and forgets; nothing safe to signal
    }

    @Override
    public Set<Long> live(long pid, boolean ownGroup) {
        return handles(pid).stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public boolean hasExited(long pid) {
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    @Override
    public Exit peekExit(long pid) {
        return null;        // waitid(WNOWAIT) is bound for Linux only so far: NuProcess's folded code is used
    }

    @Override
    public void adoptOrphans() {
        // no subreaper outside Linux
    }

    @Override
    public void reapOrphans() {
        // orphans go to init/launchd, which reaps them
    }

    @Override
    public Set<Long> serviceDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static List<ProcessHandle> handles(long pid) {
        List<ProcessHandle> out = new java.util.ArrayList<>();
        ProcessHandle.of(pid).ifPresent(h -> {
            out.add(h);
            h.descendants().forEach(out::add);
        });
        return out;
    }
}
