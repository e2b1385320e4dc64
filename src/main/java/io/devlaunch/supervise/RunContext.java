package io.devlaunch.supervise;

import io.devlaunch.health.ProbeThreads;
import io.devlaunch.output.Console;
import io.devlaunch.output.LogFiles;
import io.devlaunch.process.ProcessTree;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What every service runner shares: the supervisor's event loop (all state changes happen on it),
 * the probe threads (a timer, and workers so one service's slow check never waits in another's way), a
 * worker for file and process I/O the loop must not wait for, the console, the OS process-tree
 * operations, where events go, the clock, how often a healthy service's check is re-run, and who
 * else hears the children's output, and the interactive services' terminals.
 */
record RunContext(ScheduledExecutorService loop, ProbeThreads probes, java.util.concurrent.Executor workers, Console console, ProcessTree tree,
                  LogFiles logs, Map<String, String> baseEnv, boolean colour, Consumer<StateChange> publish,
                  LongSupplier nanoTime, Duration livenessEvery, OutputListener output,
                  Terminals terminals) {}
