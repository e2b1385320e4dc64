package io.devlaunch.supervise;

import io.devlaunch.output.Console;
import io.devlaunch.supervise.HealthDiagnosis;
import io.devlaunch.supervise.ServiceState;
import io.devlaunch.supervise.StateChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Turns state changes into devlaunch's own console lines: "backend   healthy in 0.84s (…)", crash
 * explanations with the last lines of output, and "all N services healthy" once everything is up.
 */
public final class ConsoleReporter implements Consumer<StateChange> {
    private final Console console;
    private final List<String> services;
    private final Map<String, ServiceState> states = new ConcurrentHashMap<>();
    private boolean announcedAllHealthy;

    private final String howToStop;

    public ConsoleReporter(Console console, List<String> services, String howToStop) {
        this.console = console;
        this.howToStop = howToStop;
        this.services = services;
    }

    @Override
    public void accept(StateChange c) {
        states.put(c.service(), c.to());
        // Entering STARTING and the spawn itself are announced by the runner before the child can print.
        // One batch per change: a crash report is never interleaved with other lines.
        List<String> report = new ArrayList<>();
        if (c.to() != ServiceState.STARTING) {
            String[] parts = c.detail().split("\n");
            for (int i = 0; i < parts.length; i++) report.add(console.aligned(i == 0 ? c.service() : "", parts[i]));
        }
        if (!c.lastLines().isEmpty()) {
            int n = c.lastLines().size();
            report.add(console.aligned(c.service(), n == 1 ? "its last line of output:" : "its last " + n + " lines of output:"));
            for (String line : c.lastLines()) report.add(console.aligned("", " │ " + line));
            HealthDiagnosis.firstErrorLine(c.lastLines()).ifPresent(e -> report.add(console.aligned(c.service(), "error: " + e.strip())));
        }
        if (!report.isEmpty()) console.say(report);
        if (!announcedAllHealthy && services.stream().allMatch(s -> states.get(s) == ServiceState.HEALTHY)) {
            announcedAllHealthy = true;
            console.say(services.size() == 1 ? "the service is healthy — " + howToStop
                    : "all " + services.size() + " services healthy — " + howToStop);
        }
    }

    /** The end of a run that stopped by itself: each service's final state. */
    public Map<String, String> outcomes() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String s : services) out.put(s, states.getOrDefault(s, ServiceState.PENDING).label());
        return out;
    }
}
