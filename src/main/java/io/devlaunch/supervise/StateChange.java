package io.devlaunch.supervise;

import java.util.List;

/**
 * One transition, published to every listener (console, records, control channel, tests).
 *
 * @param detail    what happened, for people: "healthy in 0.84s (GET … → 200)"
 * @param lastLines the service's last output lines when they explain the change (crash, failure)
 */
public record StateChange(String service, ServiceState from, ServiceState to, String detail, long pid,
                          List<String> lastLines) {}
