package io.devlaunch.web;

/**
 * Limits of the JDK's HTTP server that it takes only from system properties, read once when its
 * classes load (sun.net.httpserver.ServerConfig, the same in JDK 17 and 25): so they are set here,
 * before the dashboard creates the first server of this JVM. In the supervisor it is the only one;
 * a value the user set ({@code DEVLAUNCH_JAVA_OPTS=-D…}) is kept.
 *
 * <p>Left alone on purpose: {@code maxRspTime} would end every event stream after that time (an
 * open stream is one long response), and {@code idleInterval} (30 s for an idle keep-alive
 * connection) is fine as it is.
 */
final class JdkServerLimits {
    /**
     * Seconds (the JDK multiplies by 1,000) a request's line, headers and body may take from its
     * first byte; a timer (every second) then closes the connection, which also frees the thread
     * blocked reading it. A connection that sent nothing is closed after the least of this and
     * idleInterval. On loopback a whole request arrives at once; the dashboard's POSTs have no body.
     */
    static final long MAX_REQUEST_SECONDS = 10;
    /**
     * The request head's size (names + values + 32 per header); past it the JDK closes the
     * connection. Its default, 380 KB, costs more than a megabyte of parsing garbage per thread,
     * and the supervisor runs in 64 MB of heap; 32 KB is what nginx allows by default and far above
     * what a browser sends, cookies of every other local app included.
     */
    static final int MAX_HEAD_BYTES = 32 * 1024;
    /**
     * Connections open at once; more are closed as soon as accepted. Each is a descriptor of the
     * supervisor's, which it also needs for its children's pipes and log files: a flood of idle
     * connections (each kept up to {@link #MAX_REQUEST_SECONDS} plus the JDK's 10 s idle tick) must
     * cost the dashboard, not the run. Browsers open six per host; event streams are at most
     * {@link EventHub#MAX_STREAMS}.
     */
    static final int MAX_CONNECTIONS = 256;

    /**
     * TCP_NODELAY on the server's sockets. The JDK server writes a response's headers and body
     * separately; with Nagle on, the body waits for the ACK of the headers, which a client delays
     * by ~40 ms: every request on a kept-alive connection (a browser's, the dashboard's page)
     * measured 44-47 ms here, ~2 ms with this.
     */
    static final String NODELAY = "sun.net.httpserver.nodelay";

    private JdkServerLimits() {}

    /** Sets what is not set yet; has no effect once the JDK's server classes are loaded. */
    static void apply() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        setIfAbsent("sun.net.httpserver.maxReqHeaderSize", Integer.toString(MAX_HEAD_BYTES));
        setIfAbsent("jdk.httpserver.maxConnections", Integer.toString(MAX_CONNECTIONS));
        setIfAbsent(NODELAY, "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
