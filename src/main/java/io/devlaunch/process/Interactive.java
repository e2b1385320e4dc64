package io.devlaunch.process;

import io.devlaunch.lines.LineBatch;
import io.devlaunch.lines.LineSplitter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The part of {@link ChildProcess} only an interactive child runs: a class of its own so that the
 * pseudo-terminal's classes and native bindings load with the first interactive service, never
 * for any other service or command.
 */
final class Interactive {
    private Interactive() {}

    /** Opens the child's terminal and returns the argv that starts the program on it. */
    static List<String> wrap(ChildProcess child, List<String> argv, ProcessTree tree) throws ChildProcess.SpawnException {
        PseudoTerminal t;
        try {
            t = PseudoTerminal.open();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ChildProcess.SpawnException("cannot give " + argv.get(0) + " a terminal: " + e.getMessage()
                    + " (interactive = true needs a Linux pseudo-terminal)");
        }
        List<String> wrapped = tree.wrapOnTerminal(argv, t.slavePath());
        if (wrapped == null) {
            t.abandon();
            throw new ChildProcess.SpawnException("interactive = true needs Linux with util-linux's setsid (--ctty); "
                    + "remove it from the service, or install util-linux");
        }
        child.useTerminal(t);
        return wrapped;
    }

    /**
     * The terminal's output as lines (CR LF, as a terminal ends lines, is one break): a prompt that
     * waits is a line of its own once it has waited, so the log and the console show it.
     */
    static void read(PseudoTerminal t, Consumer<LineBatch> lines) {
        LineSplitter splitter = new LineSplitter(lines);
        ByteBuffer none = ByteBuffer.allocate(0);
        t.startReading(chunk -> splitter.feed(ByteBuffer.wrap(chunk), chunk.length == 0), () -> splitter.feed(none, true));
    }
}
