package io.devlaunch.cli;

import io.devlaunch.commands.JvmHooks;
import io.devlaunch.output.Terminal;
import java.nio.file.Path;

/** Entry point: settings that must precede any library's first use, then the command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // FastPath's answer too, but before the terminal, the working folder and the warm-up: the
            // JVM's own start-up is nearly all that is left of a --version
            try {
                System.out.println(Version.line());
                System.exit(0);
            } catch (java.io.IOException e) {
                // reported the usual way below
            }
        }
        JvmHooks.beforeFirstUse();
        if (System.getenv("DEVLAUNCH_DEBUG") != null) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                "debug");
        WarmUp.startFor(args);
        boolean noColor = java.util.Arrays.asList(args).contains("--no-color");
        int code = Cli.run(args, Terminal.system(noColor), Path.of("").toAbsolutePath());
        System.out.flush();
        JvmHooks.beforeExit();       // else the exit waits up to 100 ms for NuProcess's pump
        System.exit(code);
    }
}
