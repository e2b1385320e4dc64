package io.devlaunch.ipc;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who may talk to the supervisor: only its own user. The kernel records a Unix socket peer's
 * credentials when it connects (SO_PEERCRED), so this holds even when the socket file's mode would
 * let someone else connect. Users are compared by id, not by name.
 */
final class PeerCheck {
    private final UserPrincipal owner;
    private final boolean supported;

    private PeerCheck(UserPrincipal owner, boolean supported) {
        this.owner = owner;
        this.supported = supported;
    }

    /** The supervisor's own user is the owner of the socket file it has just bound. */
    static PeerCheck ownerOf(Path socket, SocketChannel probe) throws IOException {
        return new PeerCheck(Files.getOwner(socket), probe.supportedOptions().contains(ExtendedSocketOptions.SO_PEERCRED));
    }

    static PeerCheck ownerOf(Path socket) throws IOException {
        try (SocketChannel probe = SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            return ownerOf(socket, probe);
        }
    }

    /** Why this peer is refused, if it is. */
    Optional<String> refusal(SocketChannel peer) throws IOException {
        // Without peer credentials (Windows) the socket file's permissions are the only guard; the README says so.
        if (!supported) return Optional.empty();
        UnixDomainPrincipal p = peer.getOption(ExtendedSocketOptions.SO_PEERCRED);
        if (p.user().equals(owner)) return Optional.empty();
        return Optional.of("refused: this supervisor belongs to user " + owner.getName() + "; user " + p.user().getName()
                + " may not control it");
    }
}
