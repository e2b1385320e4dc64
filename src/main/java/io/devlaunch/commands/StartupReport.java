package io.devlaunch.commands;

import io.devlaunch.output.Console;
import io.devlaunch.runstate.RunRecords;
import io.devlaunch.runstate.ServiceRecord;
import io.devlaunch.runstate.StartupVerdict;
import io.devlaunch.supervise.ServiceStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The background supervisor's half of {@code up --detach}: once the start has an outcome (every
 * service up, or one down), it says so on its console, waits until those lines are in
 * {@code supervisor.log}, and only then records the verdict — so {@code up --detach}, which
 * returns on the verdict, has every line to show by then, with no sentence to look for.
 * Fed each snapshot {@code services.json} is written from, on the records thread.
 */
final class StartupReport implements Consumer<List<ServiceStatus>> {
    private static final long DRAIN_MILLIS = 2_000;

    private final List<String> wanted;
    private final RunRecords records;
    private final Console console;
    private boolean written;       // only ever touched on the records thread

    StartupReport(List<String> wanted, RunRecords records, Console console) {
        this.wanted = wanted;
        this.records = records;
        this.console = console;
    }

    @Override
    public void accept(List<ServiceStatus> snapshot) {
        if (written) return;
        Map<String, ServiceRecord> services = new LinkedHashMap<>();
        for (ServiceStatus s : snapshot) services.put(s.name(), ServiceRecord.of(s));
        StartupVerdict.of(wanted, services).ifPresent(v -> {
            written = true;
            if (!v.up()) {
                console.say(String.join(", ", v.down()) + (v.down().size() == 1 ? " is" : " are") + " down; this supervisor keeps "
                        + "running for inspection until `devlaunch down` (`devlaunch status` says why, `devlaunch start "
                        + v.down().get(0) + "` tries again)");
            }
            console.drain(DRAIN_MILLIS);       // a console this far behind still gets its verdict recorded
            records.writeStartupVerdict(v);
        });
    }
}
