package io.devlaunch.health;

import java.util.List;
import java.util.regex.Pattern;

/** Ready once a line of the service's output matches a regex. Fed by the output pump. */
public final class LogLineCheck implements HealthCheck {
    private final Pattern pattern;
    private volatile String matched;

    public LogLineCheck(Pattern pattern) {
        this.pattern = pattern;
    }

    /** Whether it still needs to see output (it stops looking once matched). */
    public boolean looking() {
        return matched == null;
    }

    /** Looks at new output; cheap once matched. */
    public void offer(List<String> lines) {
        if (matched != null) return;
        for (String line : lines) {
            if (pattern.matcher(line).find()) {
                matched = line;
                return;
            }
        }
    }

    /** Forget earlier output: a restarted process must announce itself again. */
    public void reset() {
        matched = null;
    }

    @Override
    public ProbeResult probe() {
        String m = matched;
        return m != null ? ProbeResult.ready("log line matched: " + m.strip())
                         : ProbeResult.notReady("no output line matched /" + pattern + "/ yet");
    }

    @Override
    public String describe() {
        return "a log line matching /" + pattern + "/";
    }

    @Override
    public boolean canTurnUnhealthy() {
        return false;
    }
}
