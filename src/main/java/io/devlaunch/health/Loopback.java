package io.devlaunch.health;

import java.util.List;

/**
 * "localhost" means both loopbacks: Java resolves it to 127.0.0.1 first while a Node dev server
 * may listen on ::1 only, so a check on localhost tries each.
 */
final class Loopback {
    private Loopback() {}

    static List<String> addressesFor(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) return List.of("127.0.0.1", "::1");
        return List.of(h);
    }

    /** The host as it goes into a URL: IPv6 literals in brackets. */
    static String urlHost(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
