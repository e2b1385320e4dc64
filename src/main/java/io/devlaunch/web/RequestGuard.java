package io.devlaunch.web;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's locks, in the order they are checked: the {@code Host} must be this dashboard's
 * own loopback address (a DNS-rebinding page sends its own name); the request must carry the token
 * (cookie, or {@code Authorization: Bearer}); and a state-changing request must come from this
 * page: a foreign {@code Origin} is refused, and one authenticated by the cookie — which a browser
 * attaches by itself — must carry the page's own {@code Origin}. Scripts with the bearer token may
 * omit it: no browser adds that header for another site.
 */
final class RequestGuard {
    /**
     * The cookie's name before the port: a browser sends a host's cookies to all its ports (RFC 6265
     * §8.5), so with one name two projects' dashboards on 127.0.0.1 would overwrite each other's.
     */
    static final String COOKIE_PREFIX = "devlaunch_token_";

    /** How a request proved it holds the token. */
    enum Auth { NONE, COOKIE, BEARER }

    private final Token token;
    private final Set<String> hosts;
    private final Set<String> origins;
    private final String cookieName;

    RequestGuard(Token token, int port) {
        this.token = token;
        this.hosts = Set.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
        this.origins = Set.of("http://127.0.0.1:" + port, "http://localhost:" + port, "http://[::1]:" + port);
        this.cookieName = COOKIE_PREFIX + port;
    }

    /** Null when the Host is ours, else why not. */
    String hostRefusal(Headers h) {
        List<String> all = h.get("Host");
        if (all == null || all.size() != 1) return "a request needs exactly one Host header";
        String host = all.get(0).toLowerCase(java.util.Locale.ROOT);
        return hosts.contains(host) ? null : "Host " + all.get(0) + " is not this dashboard; open the address `devlaunch dashboard` prints";
    }

    Auth auth(Headers h) {
        String authz = h.getFirst("Authorization");
        if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7) && token.matches(authz.substring(7).trim())) return Auth.BEARER;
        List<String> cookies = h.get("Cookie");
        if (cookies != null) {
            for (String header : cookies) {
                for (String c : header.split(";")) {
                    String kv = c.trim();
                    if (kv.startsWith(cookieName + "=") && token.matches(kv.substring(cookieName.length() + 1))) return Auth.COOKIE;
                }
            }
        }
        return Auth.NONE;
    }

    boolean tokenMatches(String candidate) {
        return token.matches(candidate);
    }

    /** Null when a state-changing request may go ahead, else why not. */
    String originRefusal(Headers h, Auth auth) {
        String origin = h.getFirst("Origin");
        if (origin == null) {
            return auth == Auth.BEARER ? null
                    : "a request authenticated by the dashboard's cookie must carry its Origin; scripts send Authorization: Bearer TOKEN";
        }
        return origins.contains(origin.toLowerCase(java.util.Locale.ROOT)) ? null
                : "Origin " + origin + " is not this dashboard: requests from other sites may not change anything";
    }

    String cookie() {
        return cookieName + "=" + token.value() + "; HttpOnly; SameSite=Strict; Path=/";
    }
}
