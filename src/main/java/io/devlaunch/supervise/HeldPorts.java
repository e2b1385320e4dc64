package io.devlaunch.supervise;

import io.devlaunch.manifest.ServiceSpec;
import io.devlaunch.proxy.PortProxy;
import io.devlaunch.proxy.ProxyLoop;
import java.io.IOException;
import java.net.BindException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's proxied services ({@code proxy = true}): one proxy thread for all of them, and a
 * {@link ProxyFollower} per service. Made only when a service asks for it, so a run without
 * proxies starts no proxy thread and loads none of its classes.
 */
final class HeldPorts implements AutoCloseable {
    private final ProxyLoop loop;
    private final Map<String, ProxyFollower> followers;

    private HeldPorts(ProxyLoop loop, Map<String, ProxyFollower> followers) {
        this.loop = loop;
        this.followers = followers;
    }

    /** Binds every proxied service's public ports now; none proxied: an empty set with no thread. */
    static HeldPorts open(Collection<ServiceSpec> services, RunContext ctx) throws IOException {
        Map<String, ProxyFollower> followers = new LinkedHashMap<>();
        if (services.stream().noneMatch(s -> s.proxy().enabled())) return new HeldPorts(null, followers);
        ProxyLoop loop = ProxyLoop.start();
        try {
            for (ServiceSpec s : services) {
                if (!s.proxy().enabled()) continue;
                PortProxy p;
                try {
                    p = loop.open(s.name(), s.ports());
                } catch (BindException e) {
                    throw new BindException("cannot hold port " + s.ports() + " for " + s.name() + " (proxy = true): "
                            + e.getMessage() + "; `devlaunch check` shows who has it");
                }
                followers.put(s.name(), new ProxyFollower(s, p, ctx));
            }
        } catch (IOException | RuntimeException e) {
            loop.close();
            throw e;
        }
        return new HeldPorts(loop, followers);
    }

    /** The follower of a proxied service, or null. */
    ProxyFollower of(String service) {
        return followers.get(service);
    }

    /** Each transition, before anyone else hears it: a connection waits as little as it can. */
    /** Returns the forward it started once in place (see {@link ProxyFollower#forwardedBy}), or null. */
    java.util.concurrent.CompletableFuture<Void> follow(StateChange c) {
        ProxyFollower f = followers.get(c.service());
        if (f == null) return null;
        f.accept(c);
        return f.forwardedBy(c);
    }

    @Override
    public void close() {
        followers.values().forEach(ProxyFollower::close);
        if (loop != null) loop.close();
    }

    /** For tests: the proxy thread stopping under a run, as a failed selector would stop it. */
    void stopProxyThread() {
        if (loop != null) loop.close();
    }
}
