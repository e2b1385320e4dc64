package io.devlaunch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Commands that run the test fixtures, and other small facts tests need about the machine. */
public final class Fixtures {
    private Fixtures() {}

    /** The argv that runs {@code main} from the test classes in a fresh JVM. */
    public static List<String> javaArgv(Class<?> main, List<String> jvmFlags, Object... args) {
        List<String> argv = new ArrayList<>(List.of(javaBin(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        argv.addAll(jvmFlags);
        argv.addAll(List.of("-cp", testClasses(), main.getName()));
        for (Object a : args) argv.add(String.valueOf(a));
        return argv;
    }

    /** A HOCON list that runs {@code main} from the test classes with a fresh JVM. */
    public static String javaCommand(Class<?> main, Object... args) {
        return javaArgv(main, List.of(), args).stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }

    public static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String testClasses() {
        try {
            return Path.of(Fixtures.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A port nothing listens on right now (bound and released). */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code main} as a plain child of the test JVM (not through devlaunch), waiting until it prints a line. */
    public static Process startForeign(Class<?> main, List<String> jvmFlags, Object... args) throws IOException {
        Process p = new ProcessBuilder(javaArgv(main, jvmFlags, args)).redirectErrorStream(true).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        if (first == null) throw new IOException("fixture " + main.getSimpleName() + " ended before saying anything");
        return p;
    }

    /** True when the process no longer runs (a zombie counts as gone: nothing is left to kill). */
    public static boolean gone(long pid) {
        try {
            return io.devlaunch.process.ProcFs.system().gone(pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
