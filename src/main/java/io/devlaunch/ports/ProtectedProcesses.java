package io.devlaunch.ports;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Processes devlaunch never stops, whatever holds a port: PID 1, devlaunch itself, its ancestors
 * (the shell or IDE that started it), and processes of other users.
 */
public final class ProtectedProcesses {
    private final Set<Long> ancestry = new HashSet<>();
    private final String user;

    public ProtectedProcesses() {
        ProcessHandle self = ProcessHandle.current();
        for (Optional<ProcessHandle> h = Optional.of(self); h.isPresent(); h = h.get().parent()) ancestry.add(h.get().pid());
        this.user = self.info().user().orElse(System.getProperty("user.name"));
    }

    /** Why {@code holder} must be left alone, or empty when devlaunch may stop it. */
    public Optional<String> reasonToSpare(PortHolder holder) {
        if (holder.pid().isEmpty()) return Optional.of("its owner is not visible to this user");
        long pid = holder.pid().get();
        if (pid == 1) return Optional.of("it is PID 1 (the init process)");
        if (pid == ProcessHandle.current().pid()) return Optional.of("it is devlaunch itself");
        if (ancestry.contains(pid)) return Optional.of("it is an ancestor of devlaunch (the shell or IDE that started it)");
        if (!holder.user().isEmpty() && !holder.user().equals(user)) {
            return Optional.of("it belongs to user " + holder.user() + ", not " + user + "; ask them, or stop it with sudo");
        }
        return Optional.empty();
    }
}
