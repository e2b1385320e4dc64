package io.devlaunch.proxy;

import java.util.function.Consumer;

/**
 * Says that a port's connection cap was reached once, not once per connection refused or kept
 * waiting (a flood would flood the console too), and again only after the load fell to half the
 * caps. Loop thread only, except {@link #to}.
 */
final class CapNotice {
    private final int port;
    private volatile Consumer<String> sink = s -> { };
    private boolean said;

    CapNotice(int port) {
        this.port = port;
    }

    void to(Consumer<String> sink) {
        this.sink = sink;
    }

    void reached(String what) {
        if (said) return;
        said = true;
        sink.accept("port " + port + ": connection cap reached, " + what + " (a client opening connections without closing them?)");
    }

    void load(int held, int forwarded, Caps caps) {
        if (said && held < caps.held() / 2 && forwarded < caps.forwarded() / 2) said = false;
    }
}
