package io.devlaunch.manifest;

import java.time.Duration;

/**
 * How to tell a service is ready. Exactly one kind per service.
 *
 * @param kind          which check
 * @param target        HTTP: the URL; TCP: {@code host:port}; LOG: the regex; COMMAND: unused
 * @param command       COMMAND only: what to run (ready when it exits 0)
 * @param timeout       give up after this long (default 60s)
 * @param expectStatus  HTTP only: the status that means ready; 0 means any 2xx
 * @param implicit      true when derived from {@code port} rather than written in a health block
 */
public record HealthSpec(Kind kind, String target, Command command, Duration timeout, int expectStatus,
                         boolean implicit) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public enum Kind {
        HTTP("http"), TCP("tcp"), LOG("log"), COMMAND("command");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
