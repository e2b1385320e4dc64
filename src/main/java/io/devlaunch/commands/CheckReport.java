package io.devlaunch.commands;

import java.util.ArrayList;
import java.util.List;

/** What {@code devlaunch check} found, per service, in start order. */
public final class CheckReport {

    public enum Verdict { OK, PROBLEM }

    /** One fact about one service; {@code service} is empty for project-wide findings. */
    public record Finding(String service, Verdict verdict, String text) {}

    private final List<Finding> findings = new ArrayList<>();

    void ok(String service, String text) {
        findings.add(new Finding(service, Verdict.OK, text));
    }

    void problem(String service, String text) {
        findings.add(new Finding(service, Verdict.PROBLEM, text));
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    public long problemCount() {
        return findings.stream().filter(f -> f.verdict() == Verdict.PROBLEM).count();
    }
}
